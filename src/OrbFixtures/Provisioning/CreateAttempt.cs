using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>How one <c>create</c> process ended: the watchdog adopted the machine (<see cref="Adopted"/>), it
/// failed (<see cref="Error"/>), or it exited 0 (both <see langword="null"/>).</summary>
internal sealed record CreateAttempt(MachineInfo? Adopted, OrbCtlException? Error);
