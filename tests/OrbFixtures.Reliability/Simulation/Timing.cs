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
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Query = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Transition = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Create = TimeSpan.FromSeconds(20);

    /// <summary>How long a test may wait for its scenarios before it gives up (a safety net: never reached when they work).</summary>
    public static readonly TimeSpan ScenarioLimit = TimeSpan.FromMinutes(5);

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

    /// <summary>The timeouts as the child session's configuration carries them.</summary>
    public static Dictionary<string, int> TimeoutsMs() => Timeouts.Entries
        .ToDictionary(e => e.Key.ToString(), e => (int)e.Value.TotalMilliseconds);
}
