namespace OrbFixtures.OrbCtl;

/// <summary>Carries a classified failure of one attempt through the Polly pipeline; turned into an
/// <see cref="OrbCtlException"/> with the full context once the call gives up.</summary>
internal sealed class AttemptFailure : Exception
{
    public AttemptFailure(OrbCtlErrorKind kind, Exception? innerException = null)
        : base($"orbctl attempt failed: {kind}", innerException) => Kind = kind;

    public AttemptFailure() : this(OrbCtlErrorKind.Unknown) { }

    public AttemptFailure(string message) : base(message) { }

    public AttemptFailure(string message, Exception innerException) : base(message, innerException) { }

    public OrbCtlErrorKind Kind { get; }
}
