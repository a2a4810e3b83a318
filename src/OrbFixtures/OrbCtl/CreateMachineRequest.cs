namespace OrbFixtures.OrbCtl;

/// <summary>The arguments of one <c>orbctl create</c>.</summary>
/// <param name="Name">The machine name (validated against OrbStack's rules before any process starts).</param>
/// <param name="Distro">The CLI distro token, e.g. <c>ubuntu</c>.</param>
/// <param name="Version">The version or codename, or <see langword="null"/> for the latest.</param>
/// <param name="Arch">The architecture (<c>-a</c>), or <see langword="null"/> for the native one.</param>
/// <param name="User">The default user's name (<c>-u</c>), or <see langword="null"/> for the host user.</param>
/// <param name="UserDataFile">Path of a cloud-init user-data file (<c>-c</c>), or <see langword="null"/>.</param>
public sealed record CreateMachineRequest(
    string Name,
    string Distro,
    string? Version = null,
    string? Arch = null,
    string? User = null,
    string? UserDataFile = null);
