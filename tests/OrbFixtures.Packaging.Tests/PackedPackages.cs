using OrbFixtures.TestSupport;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The repository's packages, packed once per test run into a local feed with <c>dotnet pack</c> — from a copy of the
/// sources, so that no build output of the repository (which other test projects may be building) is touched.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Ids = ["OrbFixtures", "OrbFixtures.Xunit", "OrbFixtures.XunitV3", "OrbFixtures.Simulator"];

    /// <summary>The <c>orbfixtures</c> tool's package, packed with the others (CommandLineToolTests installs it).</summary>
    public const string CliId = "OrbFixtures.Cli";

    private static readonly string[] s_projects =
        ["src/OrbFixtures/OrbFixtures.csproj", "src/OrbFixtures.Xunit/OrbFixtures.Xunit.csproj", "src/OrbFixtures.XunitV3/OrbFixtures.XunitV3.csproj",
            "src/OrbFixtures.Simulator/OrbFixtures.Simulator.csproj", "src/OrbFixtures.Cli/OrbFixtures.Cli.csproj"];

    /// <summary>The <c>dotnet pack</c> arguments that make the simulator's runtime packages: <c>any</c> and this machine's.</summary>
    public static readonly string[][] SimulatorRuntimeArguments = [["-r", "any"], ["--use-current-runtime"]];

    private const string SimulatorProject = "src/OrbFixtures.Simulator/OrbFixtures.Simulator.csproj";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("of-pack-");

    /// <summary>The folder holding the <c>.nupkg</c> files.</summary>
    public string Feed => Path.Combine(_root.FullName, "feed");

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
        var sources = Path.Combine(_root.FullName, "src");
        SourceCopy.Create(sources);

        var environment = ChildProcess.Environment(PackagingEnvironment.StrippedPrefixes);
        var timeout = TimeSpan.FromMinutes(10);
        await ChildProcess.RunCheckedAsync("dotnet", ["new", "sln", "--name", "Packages", "--format", "sln"], environment, sources, timeout);
        await ChildProcess.RunCheckedAsync("dotnet", ["sln", "Packages.sln", "add", .. s_projects], environment, sources, timeout);
        PackOutput = await ChildProcess.RunCheckedAsync("dotnet",
            ["pack", "Packages.sln", "-c", "Release", "-o", Feed, "--disable-build-servers", "-nologo"], environment, sources, timeout);
        // The simulator is a RID-specific tool: the solution's pack made its pointer package; these make the packages it
        // points to, the portable fallback and the NativeAOT build for this machine (as README.md tells users to).
        foreach (var runtime in SimulatorRuntimeArguments)
        {
            PackOutput += await ChildProcess.RunCheckedAsync("dotnet",
                ["pack", SimulatorProject, "-c", "Release", .. runtime, "-o", Feed, "--disable-build-servers", "-nologo"], environment, sources, timeout);
        }
    }

    public Task DisposeAsync()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
