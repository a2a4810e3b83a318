namespace OrbFixtures.Provisioning;

/// <summary>How one <c>create</c> process ended: the watchdog adopted the machine (<see cref="Adopted"/>), saw a machine
/// under the name that is not ours (<see cref="Foreign"/>, the create was killed), it failed (<see cref="Error"/>), or
/// it exited 0 (all <see langword="null"/>).</summary>
internal sealed record CreateAttempt(MachineInfo? Adopted, OrbCtlException? Error, ReadinessResult? Foreign = null);
