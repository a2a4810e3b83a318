using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Crashes;

/// <summary>
/// A point at which a test session is SIGKILLed: the logical name of its one machine, whether it holds its machine
/// (instead of releasing it at once), when exactly to kill it, and what it must have left behind for the next run.
/// </summary>
/// <param name="Logical">The machine's logical name; the world's faults target it by glob.</param>
/// <param name="Hold">Whether the session holds its machine after it is ready.</param>
/// <param name="KillWhen">Waits until the session reached the point (given the session and the machine's real name).</param>
/// <param name="Left">What the killed session must have left: its ledger record's state, and whether the machine exists.</param>
internal sealed record CrashPoint(
    string Logical,
    bool Hold,
    Func<SimulatedWorld, ChildSession, string, Task> KillWhen,
    (LedgerState Record, bool MachineExists) Left)
{
    public override string ToString() => Logical;
}
