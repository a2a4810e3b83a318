using OrbFixtures.OrbCtl;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>
/// The time budget of every reliability scenario. Simulated lifecycles take milliseconds, but each simulated orbctl
/// is a process that needs a few hundred milliseconds to start on a busy 2-core machine; the timeouts leave ample room
/// for that (a normal call never times out), and a hung call costs exactly one timeout.
/// </summary>
internal static class Timing
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Query = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Transition = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Create = TimeSpan.FromSeconds(8);

    /// <summary>How long a scenario may take at most before the test gives up on it (never reached when it works).</summary>
    public static readonly TimeSpan ScenarioLimit = TimeSpan.FromSeconds(90);

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
