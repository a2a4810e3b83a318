namespace OrbFixtures.OrbCtl;

/// <summary>The distros OrbStack can create (reference §4.2): CLI token, image name, cloud-init support.</summary>
internal static class Distros
{
    /// <summary>One distro: the token <c>orbctl create</c> takes and what <c>info</c> reports as <c>image.distro</c>.</summary>
    public sealed record Distro(string Token, string ImageName, string LatestVersion, bool SupportsCloudInit);

    public static readonly IReadOnlyDictionary<string, Distro> ByToken = new[]
    {
        new Distro("alma", "almalinux", "9", true),
        new Distro("alpine", "alpine", "3.22", true),
        new Distro("arch", "archlinux", "current", false),
        new Distro("centos", "centos", "9-Stream", true),
        new Distro("debian", "debian", "bookworm", true),
        new Distro("devuan", "devuan", "daedalus", true),
        new Distro("fedora", "fedora", "42", true),
        new Distro("gentoo", "gentoo", "current", false),
        new Distro("kali", "kali", "current", true),
        new Distro("nixos", "nixos", "25.05", false),
        new Distro("openeuler", "openeuler", "25.03", true),
        new Distro("opensuse", "opensuse", "15.6", true),
        new Distro("oracle", "oracle", "9", true),
        new Distro("rocky", "rockylinux", "9", true),
        new Distro("ubuntu", "ubuntu", "plucky", true),
        new Distro("void", "voidlinux", "current", false),
    }.ToDictionary(d => d.Token, StringComparer.Ordinal);

    /// <summary>Architectures OrbStack accepts on some host (arm64/amd64 on Apple Silicon, amd64/i386 on Intel).</summary>
    public static readonly IReadOnlySet<string> Architectures = new HashSet<string>(["arm64", "amd64", "i386"], StringComparer.Ordinal);

    /// <summary>Number-to-codename aliases that OrbStack resolves (≈v2.0).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> VersionAliases =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["debian"] = new Dictionary<string, string> { ["10"] = "buster", ["11"] = "bullseye", ["12"] = "bookworm", ["13"] = "trixie", ["14"] = "forky" },
            ["devuan"] = new Dictionary<string, string> { ["4"] = "chimaera", ["5"] = "daedalus" },
            ["ubuntu"] = new Dictionary<string, string> { ["20.04"] = "focal", ["22.04"] = "jammy", ["24.04"] = "noble", ["24.10"] = "oracular", ["25.04"] = "plucky" },
        };

    /// <summary>The codename <paramref name="version"/> resolves to for <paramref name="token"/> (itself when no alias applies).</summary>
    public static string ResolveVersion(string token, string? version)
    {
        if (string.IsNullOrEmpty(version)) return ByToken.TryGetValue(token, out var d) ? d.LatestVersion : "";
        return VersionAliases.TryGetValue(token, out var aliases) && aliases.TryGetValue(version, out var codename) ? codename : version;
    }
}
