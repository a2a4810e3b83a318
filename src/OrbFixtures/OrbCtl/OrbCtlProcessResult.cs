namespace OrbFixtures.OrbCtl;

/// <summary>How one <c>orbctl</c> process ended on its own, with its (possibly truncated) output.</summary>
internal sealed record OrbCtlProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Bytes of stdout left out of <see cref="StandardOutput"/> (0 when it is complete).</summary>
    public long StandardOutputDroppedBytes { get; init; }

    /// <summary>Bytes of stderr left out of <see cref="StandardError"/> (0 when it is complete).</summary>
    public long StandardErrorDroppedBytes { get; init; }
}
