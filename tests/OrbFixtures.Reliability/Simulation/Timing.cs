using OrbFixtures.OrbCtl;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>
/// The time budget of every reliability scenario. Simulated lifecycles take milliseconds, but each simulated orbctl is
/// a .NET process that needs about 0.25 s of CPU to start, which becomes seconds on a 2-core machine shared with
/// builds. The timeouts leave ample room for that (a normal call never times out, or exact call counts would be off);
/// a hung call costs exactly one timeout, so scenarios with hangs run side by side to overlap those waits.
/// </summary>
internal static class Timing
{
    /// <summary>Multiplies every timeout and limit below, for a machine so loaded that starting a process takes seconds
    /// (read, never set; a number from 1 to 20, default 1).</summary>
    public const string SlowdownKey = "ORBFIXTURES_RELIABILITY_SLOWDOWN";

    public static double Slowdown { get; } = ParseSlowdown(Environment.GetEnvironmentVariable(SlowdownKey));

    /// <summary>Every watchdog poll is an orbctl process: half a second keeps a hung create cheap to recover from and a
    /// normal one (a few hundred milliseconds) mostly unpolled.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(500);

    public static TimeSpan Query { get; } = TimeSpan.FromSeconds(10 * Slowdown);

    public static TimeSpan Transition { get; } = TimeSpan.FromSeconds(10 * Slowdown);

    public static TimeSpan Create { get; } = TimeSpan.FromSeconds(20 * Slowdown);

    /// <summary>How long a test may wait for its scenarios before it gives up (a safety net: never reached when they work).</summary>
    public static TimeSpan ScenarioLimit { get; } = TimeSpan.FromMinutes(5 * Slowdown);

    /// <summary>How long to wait for one step of a child session (a line it prints, its exit).</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromMinutes(2 * Slowdown);

    public static OperationTimeouts Timeouts { get; } = OperationTimeouts.Default
        .With(Operation.Status, Query).With(Operation.Version, Query).With(Operation.List, Query).With(Operation.Info, Query)
        .With(Operation.Run, Query)
        .With(Operation.Start, Transition).With(Operation.Stop, Transition).With(Operation.Restart, Transition)
        .With(Operation.Delete, Transition)
        .With(Operation.Create, Create);

    public static OrbCtlRetryOptions Retry { get; } = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>The options every session of a reliability world starts from (<see cref="TestSupport.SimulatedWorld.Tuning"/>).</summary>
    public static OrbFixturesOptions Tuning { get; } = new() { PollInterval = PollInterval, Timeouts = Timeouts, Retry = Retry };

    private static double ParseSlowdown(string? value) =>
        string.IsNullOrWhiteSpace(value) ? 1
        : double.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var factor)
          && factor is >= 1 and <= 20 ? factor
        : throw new ArgumentException($"{SlowdownKey}='{value}' is not a slowdown factor: give a number from 1 to 20 (e.g. 3).");
}
