namespace OrbFixtures.OrbCtl;

/// <summary>
/// What OrbFixtures knows of the distros OrbStack ≈2.0 creates: CLI token, the image name <c>info</c> reports, the
/// version an omitted one becomes, cloud-init support, and the number-to-codename aliases. Data for defaults, for the
/// ownership proof (which image and versions a machine of a spec may report) and for hints; never a gate: a distro
/// this table does not know is passed to orbctl, whose own rejection ("invalid distro", "image not found",
/// "cloud-init not supported") is classified and fails at once, with <see cref="Hint"/> added to the message.
/// </summary>
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

    /// <summary>The distros OrbFixtures knows, each with the version an omitted one becomes and whether it takes
    /// cloud-init, and where to look for the ones a newer OrbStack offers.</summary>
    public static string Hint() =>
        "distros OrbFixtures knows, with the version an omitted one becomes: " +
        string.Join(", ", ByToken.Values.OrderBy(d => d.Token, StringComparer.Ordinal).Select(d => $"{d.Token} {d.LatestVersion}{(d.SupportsCloudInit ? "" : " (no cloud-init)")}")) +
        "; `orbctl create --help` lists what this OrbStack offers";

    /// <summary>The hint for a create that orbctl rejected for its image (<paramref name="distro"/> as the request gave it).</summary>
    public static string RejectedImageHint(string distro) =>
        (ByToken.ContainsKey(distro) ? "Hint: " : $"Hint: '{distro}' is not a distro OrbFixtures knows; ") + Hint() + ".";
}
