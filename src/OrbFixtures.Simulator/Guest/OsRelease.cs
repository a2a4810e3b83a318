using System.Text;

namespace OrbFixtures.Simulator.Guest;

/// <summary>A realistic <c>/etc/os-release</c> for each simulated image and version.</summary>
internal static class OsRelease
{
    private static readonly IReadOnlyDictionary<string, (string Number, string Title, bool Lts)> s_ubuntu =
        new Dictionary<string, (string, string, bool)>
        {
            ["focal"] = ("20.04", "Focal Fossa", true),
            ["jammy"] = ("22.04", "Jammy Jellyfish", true),
            ["noble"] = ("24.04", "Noble Numbat", true),
            ["oracular"] = ("24.10", "Oracular Oriole", false),
            ["plucky"] = ("25.04", "Plucky Puffin", false),
            ["questing"] = ("25.10", "Questing Quokka", false),
        };

    private static readonly IReadOnlyDictionary<string, string> s_debian = new Dictionary<string, string>
    {
        ["buster"] = "10", ["bullseye"] = "11", ["bookworm"] = "12", ["trixie"] = "13", ["forky"] = "14",
        ["chimaera"] = "4", ["daedalus"] = "5",
    };

    public static string For(string imageName, string version) => imageName switch
    {
        "ubuntu" => Ubuntu(version),
        "debian" => Debianish("Debian GNU/Linux", "debian", version, idLike: null),
        "devuan" => Debianish("Devuan GNU/Linux", "devuan", version, idLike: "debian"),
        "almalinux" => Render($"AlmaLinux {version}", "AlmaLinux", "almalinux", version, version, idLike: "rhel centos fedora"),
        "alpine" => Render($"Alpine Linux v{version}", "Alpine Linux", "alpine", version == "edge" ? "edge" : version + ".0", null),
        "archlinux" => Render("Arch Linux", "Arch Linux", "arch", null, null),
        "centos" => Render($"CentOS Stream {version.Split('-')[0]}", "CentOS Stream", "centos", version.Split('-')[0], version.Split('-')[0], idLike: "rhel fedora"),
        "fedora" => Render($"Fedora Linux {version} (Container Image)", "Fedora Linux", "fedora", version, $"{version} (Container Image)"),
        "gentoo" => Render("Gentoo Linux", "Gentoo", "gentoo", "2.17", null),
        "kali" => Render("Kali GNU/Linux Rolling", "Kali GNU/Linux", "kali", "2025.2", "2025.2", codename: "kali-rolling", idLike: "debian"),
        "nixos" => NixOs(version),
        "openeuler" => Render($"openEuler {version}", "openEuler", "openEuler", version, version),
        "opensuse" => version == "tumbleweed"
            ? Render("openSUSE Tumbleweed", "openSUSE Tumbleweed", "opensuse-tumbleweed", "20250601", null, idLike: "opensuse suse")
            : Render($"openSUSE Leap {version}", "openSUSE Leap", "opensuse-leap", version, version, idLike: "suse opensuse"),
        "oracle" => Render($"Oracle Linux Server {version}", "Oracle Linux Server", "ol", version, version, idLike: "fedora"),
        "rockylinux" => Render($"Rocky Linux {version}", "Rocky Linux", "rocky", version, version, idLike: "rhel centos fedora"),
        "voidlinux" => Render("Void Linux", "Void", "void", null, null),
        _ => Render(imageName, imageName, imageName, version, version),
    };

    private static string Ubuntu(string codename)
    {
        var (number, title, lts) = s_ubuntu.TryGetValue(codename, out var known) ? known : (codename, codename, false);
        var suffix = lts ? " LTS" : "";
        return Render($"Ubuntu {number}{suffix}", "Ubuntu", "ubuntu", number, $"{number}{suffix} ({title})", codename, "debian")
               + $"UBUNTU_CODENAME={codename}\n";
    }

    private static string Debianish(string name, string id, string codename, string? idLike)
    {
        var number = s_debian.TryGetValue(codename, out var n) ? n : codename;
        return Render($"{name} {number} ({codename})", name, id, number, $"{number} ({codename})", codename, idLike);
    }

    private static string NixOs(string version)
    {
        var codename = version == "24.11" ? "vicuna" : "warbler";
        var title = char.ToUpperInvariant(codename[0]) + codename[1..];
        return Render($"NixOS {version} ({title})", "NixOS", "nixos", version, $"{version} ({title})", codename);
    }

    private static string Render(
        string prettyName, string name, string id, string? versionId, string? version, string? codename = null, string? idLike = null)
    {
        var sb = new StringBuilder();
        sb.Append($"PRETTY_NAME=\"{prettyName}\"\n").Append($"NAME=\"{name}\"\n");
        if (versionId is not null) sb.Append($"VERSION_ID=\"{versionId}\"\n");
        if (version is not null) sb.Append($"VERSION=\"{version}\"\n");
        if (codename is not null) sb.Append($"VERSION_CODENAME={codename}\n");
        sb.Append($"ID={id}\n");
        if (idLike is not null) sb.Append($"ID_LIKE=\"{idLike}\"\n");
        return sb.ToString();
    }
}
