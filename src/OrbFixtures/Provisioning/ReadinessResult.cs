using OrbFixtures.Diagnostics;

namespace OrbFixtures.Provisioning;

/// <summary>How waiting for a machine to become ready ended.</summary>
internal enum ReadinessOutcome
{
    /// <summary>Running and the probe exited 0.</summary>
    Ready,
    /// <summary><c>info</c> says the machine does not exist.</summary>
    Gone,
    /// <summary>It exists but did not become ready within the budget.</summary>
    NotReady,
    /// <summary>A machine holds the name that is provably not ours: nothing was done to it.</summary>
    Foreign,
}

/// <summary>The outcome of a readiness wait, with the last <c>info</c> seen (and, for <see cref="ReadinessOutcome.Foreign"/>,
/// why the machine is not ours).</summary>
internal sealed record ReadinessResult(ReadinessOutcome Outcome, MachineInfo? Info, string? ForeignReason = null)
{
    /// <summary>For <see cref="ReadinessOutcome.NotReady"/>: the wait strategy that gave up, if one did.</summary>
    public WaitGaveUp? GaveUp { get; init; }

    /// <summary>For <see cref="ReadinessOutcome.NotReady"/>: the last look of the strategy that was waiting.</summary>
    public WaitPolled? LastLook { get; init; }
}
