namespace OrbFixtures.Simulator.Images;

/// <summary>The distros, versions and architectures of OrbStack ≈v2.0, from its image list (<c>scon/images/images.go</c> in OrbStack's source).</summary>
internal static class DistroCatalog
{
    private const long MB = 1_000_000;

    public static readonly IReadOnlyList<Distro> All =
    [
        new("alma", "almalinux", "9", ["8", "9", "10"], true, 612 * MB),
        new("alpine", "alpine", "3.22", ["3.19", "3.20", "3.21", "3.22", "edge"], true, 24 * MB),
        new("arch", "archlinux", "current", ["current"], false, 915 * MB),
        new("centos", "centos", "9-Stream", ["9-Stream", "10-Stream"], true, 702 * MB),
        new("debian", "debian", "bookworm", ["bullseye", "bookworm", "trixie", "forky"], true, 498 * MB)
        {
            Aliases = new Dictionary<string, string> { ["10"] = "buster", ["11"] = "bullseye", ["12"] = "bookworm", ["13"] = "trixie", ["14"] = "forky" },
        },
        new("devuan", "devuan", "daedalus", ["chimaera", "daedalus"], true, 455 * MB)
        {
            Aliases = new Dictionary<string, string> { ["4"] = "chimaera", ["5"] = "daedalus" },
        },
        new("fedora", "fedora", "42", ["40", "41", "42"], true, 803 * MB),
        new("gentoo", "gentoo", "current", ["current"], false, 1_512 * MB) { DefaultVariant = "openrc" },
        new("kali", "kali", "current", ["current"], true, 1_804 * MB),
        new("nixos", "nixos", "25.05", ["24.11", "25.05"], false, 1_208 * MB),
        new("openeuler", "openeuler", "25.03", ["24.03", "25.03"], true, 690 * MB),
        new("opensuse", "opensuse", "15.6", ["15.5", "15.6", "tumbleweed"], true, 655 * MB),
        new("oracle", "oracle", "9", ["8", "9"], true, 748 * MB),
        new("rocky", "rockylinux", "9", ["8", "9", "10"], true, 650 * MB),
        new("ubuntu", "ubuntu", "plucky", ["focal", "jammy", "noble", "oracular", "plucky", "questing"], true, 847_974_400)
        {
            Aliases = new Dictionary<string, string>
            {
                ["20.04"] = "focal", ["22.04"] = "jammy", ["24.04"] = "noble", ["24.10"] = "oracular", ["25.04"] = "plucky",
            },
        },
        new("void", "voidlinux", "current", ["current"], false, 310 * MB),
    ];

    public static Distro? ByToken(string token) => All.FirstOrDefault(d => d.Token == token);

    public static Distro? ByImageName(string imageName) => All.FirstOrDefault(d => d.ImageName == imageName);

    /// <summary>Architectures a host accepts: Apple Silicon runs arm64 and amd64, Intel runs amd64 and i386.</summary>
    public static IReadOnlyList<string> ArchitecturesFor(string hostArch) =>
        hostArch == "arm64" ? ["arm64", "amd64"] : ["amd64", "i386"];
}
