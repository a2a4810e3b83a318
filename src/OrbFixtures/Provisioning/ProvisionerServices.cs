using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>What a <see cref="MachineProvisioner"/> depends on, injectable for tests. Anything left
/// <see langword="null"/> gets its production value.</summary>
/// <param name="Client">The orbctl client; default: an <see cref="OrbCtlClient"/> built from the options.</param>
/// <param name="Gate">The create gate; default: the process-wide gate of the orbctl world.</param>
/// <param name="Liveness">Process liveness; default: the operating system's.</param>
/// <param name="SessionId">The session id; default: a fresh random one not used in the ledger.</param>
/// <param name="World">The <c>orbctl</c> world key; default: derived from the orbctl path and environment.</param>
internal sealed record ProvisionerServices(
    IOrbCtlClient? Client = null,
    CreateGate? Gate = null,
    IProcessLiveness? Liveness = null,
    string? SessionId = null,
    string? World = null);
