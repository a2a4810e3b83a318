using OrbFixtures.Validation;

namespace OrbFixtures.OrbCtl;

/// <summary>Settings of an <see cref="OrbCtlClient"/>. Immutable; use <c>with</c> to change a copy.</summary>
internal sealed record OrbCtlClientOptions
{
    /// <summary>Path of the <c>orbctl</c> executable (or a bare name resolved on PATH).</summary>
    /// <value>The default value is <c>orbctl</c>.</value>
    public string OrbctlPath { get; init; } = "orbctl";

    /// <summary>Per-attempt timeout of each operation.</summary>
    /// <value>The default value is <see cref="OperationTimeouts.Default"/>.</value>
    public OperationTimeouts Timeouts { get; init; } = OperationTimeouts.Default;

    /// <summary>Retry of transient failures.</summary>
    public OrbCtlRetryOptions Retry { get; init; } = new();

    /// <summary>Extra environment variables for every <c>orbctl</c> process (e.g. the simulator's ORBSIM_HOME).</summary>
    /// <value>The default value is empty: the processes inherit this process's environment only.</value>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The default of <see cref="MaxOutputBytes"/>: 16 MiB per stream.</summary>
    public const int DefaultMaxOutputBytes = 16 * 1024 * 1024;

    /// <summary>The smallest allowed <see cref="MaxOutputBytes"/>: 1 KiB.</summary>
    public const int MinMaxOutputBytes = OptionRanges.SmallestOutputCap;

    /// <summary>The largest allowed <see cref="MaxOutputBytes"/>: 1 GiB.</summary>
    public const int MaxMaxOutputBytes = OptionRanges.LargestOutputCap;

    /// <summary>How many bytes of each output stream (stdout, stderr) of an <c>orbctl</c> process are kept: the first
    /// and the last half; what lies between is replaced by a marker that says how many bytes were dropped. Between
    /// <see cref="MinMaxOutputBytes"/> and <see cref="MaxMaxOutputBytes"/>.</summary>
    /// <value>The default value is <see cref="DefaultMaxOutputBytes"/> (16 MiB).</value>
    public int MaxOutputBytes { get; init; } = DefaultMaxOutputBytes;

    /// <summary>The clock for timeouts, backoff delays and recorded durations.</summary>
    /// <value>The default value is <c>TimeProvider.System</c>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
