namespace OrbFixtures.OrbCtl;

/// <summary>How one <c>orbctl</c> process ended on its own.</summary>
internal sealed record OrbCtlProcessResult(int ExitCode, string StandardOutput, string StandardError);
