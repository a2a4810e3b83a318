using OrbFixtures.OrbCtl;

namespace OrbFixtures.Ownership;

/// <summary>
/// What a machine made from a spec looks like in <c>orbctl info</c>: its image (as the image name orbctl reports, not
/// the CLI token), the version when the spec names one, the architecture when the spec names one, and the default user
/// when the spec names one. Unnamed parts are not compared: the "latest" version and the native architecture are the
/// daemon's to choose, and the default user is then the host user's name.
/// </summary>
/// <param name="Distro">The image name <c>info</c> reports (e.g. <c>archlinux</c> for the token <c>arch</c>).</param>
/// <param name="Versions">The spellings of the spec's version <c>info</c> may report (the version and its codename);
/// empty when the spec names none.</param>
/// <param name="Arch">The architecture, or <see langword="null"/> for the native one.</param>
/// <param name="User">The default user, or <see langword="null"/> for the host user's name.</param>
internal sealed record ExpectedMachine(string Distro, IReadOnlyList<string> Versions, string? Arch, string? User)
{
    public static ExpectedMachine From(MachineSpec spec)
    {
        var image = Distros.ByToken.TryGetValue(spec.Distro, out var distro) ? distro.ImageName : spec.Distro;
        IReadOnlyList<string> versions = spec.Version is null ? [] : [.. new[] { spec.Version, Distros.ResolveVersion(spec.Distro, spec.Version) }.Distinct()];
        return new ExpectedMachine(image, versions, spec.Arch, spec.User);
    }

    /// <summary>Why <paramref name="info"/> does not look like this, or <see langword="null"/> when it does.</summary>
    public string? Mismatch(MachineInfo info)
    {
        if (!string.Equals(info.Image.Distro, Distro, StringComparison.OrdinalIgnoreCase))
            return $"its image is {info.Image.Distro}, the spec asks for {Distro}";
        if (Versions.Count > 0 && !Versions.Contains(info.Image.Version, StringComparer.OrdinalIgnoreCase))
            return $"its version is {info.Image.Version}, the spec asks for {string.Join(" or ", Versions)}";
        if (Arch is not null && !string.Equals(info.Image.Arch, Arch, StringComparison.OrdinalIgnoreCase))
            return $"its architecture is {info.Image.Arch}, the spec asks for {Arch}";
        if (User is not null && info.DefaultUsername is { } user && !string.Equals(user, User, StringComparison.Ordinal))
            return $"its default user is {user}, the spec asks for {User}";
        return null;
    }
}
