using System.Globalization;

namespace OrbFixtures.Validation;

/// <summary>
/// The allowed range of every bounded setting and per-call value, declared once (as Polly declares its options'
/// ranges). The environment reader (<see cref="Configuration.ConfigurationValues"/>) checks a variable against these and names the
/// variable; the options validation (<see cref="Configuration.OrbFixturesOptionsValidation"/>) and the client's own validation
/// check what was set in code and name the property; the client's input checks (<c>OrbCtlInput</c>) check a single
/// command's timeout and output cap. They therefore cannot disagree, and a value outside a range never reaches a
/// timer or Polly. The rules for names and argv values are in <see cref="MachineNames"/> and <see cref="ArgvRules"/>.
/// </summary>
internal static class OptionRanges
{
    /// <summary>The per-attempt timeout of an operation: what Polly's timeout strategy accepts.</summary>
    public static DurationRange AttemptTimeout { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(24));

    /// <summary>How often the watchdog and reconciliation poll: faster than 10 ms only burns CPU, slower than an hour
    /// never notices a hung create in a test run.</summary>
    public static DurationRange PollInterval { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));

    /// <summary>The base and largest delay between two retries.</summary>
    public static DurationRange RetryDelay { get; } = new(TimeSpan.Zero, TimeSpan.FromDays(1));

    /// <summary>Attempts in total for a transient failure, the first included (1 = no retry).</summary>
    public static IntegerRange MaxAttempts { get; } = new(1, 100);

    /// <summary>Creates running at once in one process: OrbStack machines share one VM.</summary>
    public static IntegerRange MaxParallelCreates { get; } = new(1, 64);

    /// <summary>The smallest output cap: 1 KiB (the public <c>OrbCtlClientOptions.MinMaxOutputBytes</c> is this).</summary>
    public const int SmallestOutputCap = 1024;

    /// <summary>The largest output cap: 1 GiB (the public <c>OrbCtlClientOptions.MaxMaxOutputBytes</c> is this).</summary>
    public const int LargestOutputCap = 1024 * 1024 * 1024;

    /// <summary>Bytes of each output stream a captured command keeps (1 KiB to 1 GiB).</summary>
    public static IntegerRange MaxOutputBytes { get; } = new(SmallestOutputCap, LargestOutputCap);

    /// <summary>How long an unused reusable machine is kept: from at once to ten years.</summary>
    public static DurationRange ReuseRetention { get; } = new(TimeSpan.Zero, TimeSpan.FromDays(3650));

    /// <summary>How long an unused template machine is kept: from at once to ten years.</summary>
    public static DurationRange TemplateMaxAge { get; } = new(TimeSpan.Zero, TimeSpan.FromDays(3650));

    /// <summary>Recent commands of a machine a failure report shows.</summary>
    public static IntegerRange CommandHistorySize { get; } = new(0, 1000);
}

/// <summary>An inclusive range of durations.</summary>
internal sealed record DurationRange(TimeSpan Min, TimeSpan Max)
{
    public bool Contains(TimeSpan value) => value >= Min && value <= Max;

    /// <summary><paramref name="value"/>, or an <see cref="OrbFixturesConfigurationException"/> naming
    /// <paramref name="setting"/>, the value as the user wrote it and this range.</summary>
    public TimeSpan Check(TimeSpan value, string setting, string? written = null, string? forms = null) => Contains(value)
        ? value
        : throw new OrbFixturesConfigurationException(setting,
            // Stryker disable once String : equivalent: an empty TimeSpan format is the constant ("c") format.
            written ?? value.ToString("c", CultureInfo.InvariantCulture),
            $"a duration {this}{forms}");

    /// <summary>E.g. <c>from 10 ms to 24 h</c>.</summary>
    public override string ToString() => $"from {Format(Min)} to {Format(Max)}";

    private static string Format(TimeSpan d) => d switch
    {
        { Ticks: 0 } => "0",
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0.###} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.###} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:0.###} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{d.TotalHours:0.###} h"),
    };
}

/// <summary>An inclusive range of whole numbers.</summary>
internal sealed record IntegerRange(int Min, int Max)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    /// <summary><paramref name="value"/>, or an <see cref="OrbFixturesConfigurationException"/> naming
    /// <paramref name="setting"/>, the value and this range.</summary>
    public int Check(int value, string setting, string? written = null) => Contains(value)
        ? value
        : throw new OrbFixturesConfigurationException(setting, written ?? value.ToString(CultureInfo.InvariantCulture), $"a whole number {this}");

    /// <summary>E.g. <c>from 1 to 100</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"from {Min} to {Max}");
}
