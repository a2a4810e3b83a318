namespace OrbFixtures;

/// <summary>The image a machine was created from, as <c>orbctl</c> reports it (image name, resolved codename).</summary>
/// <param name="Distro">The image name, e.g. <c>ubuntu</c>, <c>archlinux</c>, <c>rockylinux</c>.</param>
/// <param name="Version">The resolved version or codename, e.g. <c>jammy</c>.</param>
/// <param name="Arch">The architecture, e.g. <c>arm64</c>.</param>
/// <param name="Variant">The image variant: <c>default</c>, <c>cloud</c> or <c>openrc</c>.</param>
public sealed record MachineImage(string Distro, string Version, string Arch, string Variant);

/// <summary>What <c>orbctl info NAME -f json</c> (or one row of <c>list -f json</c>) says about a machine.</summary>
/// <param name="Id">The machine's ULID; stable across renames.</param>
/// <param name="Name">The machine's name.</param>
/// <param name="State">The parsed state; <see cref="MachineState.Unknown"/> for states this version does not know.</param>
/// <param name="RawState">The state exactly as orbctl printed it.</param>
/// <param name="Image">The image the machine was created from.</param>
/// <param name="DefaultUsername">The default Linux user, when reported.</param>
/// <param name="Builtin">Whether this is a builtin machine (docker, k8s).</param>
/// <param name="DiskSize">Disk usage in bytes, when known (info only).</param>
/// <param name="IPv4">The IPv4 address, when running and reported (OrbStack 1.11.3+, info only).</param>
/// <param name="IPv6">The IPv6 address, when running and reported (OrbStack 1.11.3+, info only).</param>
public sealed record MachineInfo(
    string Id,
    string Name,
    MachineState State,
    string RawState,
    MachineImage Image,
    string? DefaultUsername,
    bool Builtin,
    long? DiskSize,
    string? IPv4,
    string? IPv6);
