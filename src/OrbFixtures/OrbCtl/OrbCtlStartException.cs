namespace OrbFixtures.OrbCtl;

/// <summary>The <c>orbctl</c> process could not be started at all (file missing, not executable, no permission):
/// the one failure reported as "could not be run". Anything that goes wrong after the start propagates as itself.</summary>
internal sealed class OrbCtlStartException : Exception
{
    public OrbCtlStartException(string executable, Exception innerException)
        : base($"starting '{executable}' failed: {innerException.Message}", innerException)
    {
        Executable = executable;
    }

    /// <summary>The program that could not be started, as it was given.</summary>
    public string? Executable { get; }

    public OrbCtlStartException() { }

    public OrbCtlStartException(string message) : base(message) { }
}
