using OrbFixtures.TestSupport;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The repository's packages, packed once per test run by the commands of README.md's "Building the packages from a
/// clone" (its first bash block, to the letter): in a copy of the sources, so that no build output of the repository
/// (which other test projects may be building) is touched, and with a home folder of its own, whose
/// <c>~/orbfixtures-packages</c> is the feed. Every packaging test uses these packages, so the README's commands are
/// the ones whose packages are tested.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Ids = ["OrbFixtures", "OrbFixtures.Xunit", "OrbFixtures.XunitV3", "OrbFixtures.Simulator"];

    /// <summary>The <c>orbfixtures</c> tool's package, packed with the others (CommandLineToolTests installs it).</summary>
    public const string CliId = "OrbFixtures.Cli";

    /// <summary>The README section whose commands pack the packages and add the folder to a project.</summary>
    public const string FromCloneSection = "Building the packages from a clone";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("of-pack-");

    /// <summary>The home folder the README's commands ran with (<c>~</c> in them).</summary>
    public string Home => Path.Combine(_root.FullName, "home");

    /// <summary>The folder holding the <c>.nupkg</c> files: the README's <c>~/orbfixtures-packages</c>.</summary>
    public string Feed => Path.Combine(Home, "orbfixtures-packages");

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; private set; } = "";

    /// <summary>The path of the package <paramref name="id"/> in the feed.</summary>
    public string PackagePath(string id)
    {
        var matches = Directory.GetFiles(Feed, "*.nupkg")
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), $@"^{System.Text.RegularExpressions.Regex.Escape(id)}\.\d+\.\d+\.\d+.*\.nupkg$"))
            .ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {id} package in {Feed}, found {matches.Count}:\n{PackOutput}");
    }

    public async Task InitializeAsync()
    {
        var script = Readme.In(FromCloneSection).First(b => b.Language == "bash").Text;
        var clone = Path.Combine(_root.FullName, "clone");
        SourceCopy.Create(clone);
        Directory.CreateDirectory(Home);
        var environment = ChildProcess.Environment(PackagingEnvironment.StrippedPrefixes);
        environment["HOME"] = Home;
        // The packs restore from this machine's package folder (the home folder above is new and has none), which holds
        // the same files nuget.org serves; what consumes the feed restores into a private folder of its own.
        environment["NUGET_PACKAGES"] = PackagingEnvironment.GlobalPackagesFolder;
        // Seven packs, one of them a NativeAOT build, while the suite's other projects run beside them on 2 cores.
        PackOutput = await ChildProcess.RunCheckedAsync("bash", ["-euo", "pipefail", "-c", script], environment, clone,
            TimeSpan.FromMinutes(20));
    }

    public Task DisposeAsync()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
