namespace OrbFixtures.OrbCtl;

/// <summary>One process to start: never a shell string, always an executable and an argument list.</summary>
/// <param name="Executable">Path or bare name of <c>orbctl</c>.</param>
/// <param name="Arguments">The arguments after the executable (unredacted: this is what actually runs).</param>
/// <param name="EnvironmentVariables">Variables added to the inherited environment.</param>
/// <param name="StandardInput">Text for stdin, or <see langword="null"/> for an empty, closed stdin.</param>
internal sealed record OrbCtlProcessRequest(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> EnvironmentVariables,
    string? StandardInput);
