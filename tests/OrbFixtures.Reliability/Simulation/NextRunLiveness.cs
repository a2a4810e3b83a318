using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>
/// Process liveness as the next test run would see it: this test process counts as gone (so what it left in the
/// ledger is reaped, as after it exited), every other process as the operating system says. It lets a test play "the
/// next run" in-process without waiting for itself to exit.
/// </summary>
internal sealed class NextRunLiveness : IProcessLiveness
{
    private readonly IProcessLiveness _system = SystemProcessLiveness.Instance;

    // The next run is another process: an identity no real process has.
    public ProcessIdentity Current { get; } = new(int.MaxValue, DateTimeOffset.UnixEpoch);

    public ProcessPlace Place => _system.Place;

    public bool IsAlive(ProcessIdentity owner) => owner.Pid != _system.Current.Pid && _system.IsAlive(owner);
}
