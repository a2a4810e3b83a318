using OrbFixtures.OrbCtl;

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
}

/// <summary>The outcome of a readiness wait, with the last <c>info</c> seen.</summary>
internal sealed record ReadinessResult(ReadinessOutcome Outcome, MachineInfo? Info);
