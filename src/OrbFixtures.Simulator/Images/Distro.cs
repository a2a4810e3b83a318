namespace OrbFixtures.Simulator.Images;

/// <summary>One distro <c>orbctl create</c> accepts (see <see cref="DistroCatalog"/>).</summary>
/// <param name="Token">The CLI token, e.g. <c>rocky</c>.</param>
/// <param name="ImageName">What records show as <c>image.distro</c>, e.g. <c>rockylinux</c>.</param>
/// <param name="LatestVersion">The version an omitted <c>:VERSION</c> becomes.</param>
/// <param name="Versions">The versions the simulated image server has; any other gives "image not found".</param>
/// <param name="SupportsCloudInit">Whether <c>-c</c> is accepted.</param>
/// <param name="DiskBytes">The simulated disk usage of a fresh machine.</param>
internal sealed record Distro(
    string Token,
    string ImageName,
    string LatestVersion,
    IReadOnlyList<string> Versions,
    bool SupportsCloudInit,
    long DiskBytes)
{
    /// <summary>Number-to-codename aliases, e.g. ubuntu <c>24.04</c> → <c>noble</c>.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    /// <summary>The image variant without cloud-init user data (<c>openrc</c> for gentoo).</summary>
    public string DefaultVariant { get; init; } = "default";

    public string ResolveVersion(string version) => Aliases.TryGetValue(version, out var codename) ? codename : version;
}
