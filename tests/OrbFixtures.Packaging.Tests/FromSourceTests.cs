using System.Text.Json;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The README's "Building the packages from a clone", followed to the letter: its first bash block is what packed the
/// collection's packages (<see cref="PackedPackages"/>: in a copy of the repository, with a home folder of its own); its
/// second runs here in a new project outside the repository, with that home folder (where <c>~/orbfixtures-packages</c>
/// is) and a private NuGet package folder (so only the packages just packed can satisfy the reference).
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class FromSourceTests(PackedPackages packages) : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("of-from-source-");

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task The_README_commands_pack_from_a_clone_and_a_project_gets_OrbFixtures_from_that_folder()
    {
        var blocks = Readme.In(PackedPackages.FromCloneSection).Where(b => b.Language == "bash").ToList();
        Assert.Equal(2, blocks.Count); // the first is what PackedPackages ran
        // One package of each id, named by its version (the simulator's runtime packages are named by their runtime).
        Assert.All([.. PackedPackages.Ids, PackedPackages.CliId], id => Assert.Single(Directory.GetFiles(packages.Feed, id + ".*.nupkg"),
            f => char.IsAsciiDigit(Path.GetFileName(f)[(id.Length + 1)..][0])));

        var consumer = Path.Combine(_root.FullName, "consumer");
        Directory.CreateDirectory(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"),
            """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        var environment = ChildProcess.Environment(PackagingEnvironment.StrippedPrefixes);
        environment["HOME"] = packages.Home;
        environment["NUGET_PACKAGES"] = Path.Combine(_root.FullName, "nuget-packages");

        var (added, addOutput, _) = await ChildProcess.RunAsync("bash", ["-euo", "pipefail", "-c", blocks[1].Text], environment, consumer,
            TimeSpan.FromMinutes(10));
        Assert.True(added == 0, addOutput);
        Assert.Contains("orbfixtures-local", await File.ReadAllTextAsync(Path.Combine(consumer, "nuget.config")), StringComparison.Ordinal);
        using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();
        Assert.Contains(libraries, l => l.StartsWith("OrbFixtures.XunitV3/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("OrbFixtures/", StringComparison.Ordinal));
        var metadata = Directory.GetFiles(Path.Combine(_root.FullName, "nuget-packages", "orbfixtures.xunitv3"), ".nupkg.metadata", SearchOption.AllDirectories);
        Assert.Contains(packages.Feed, await File.ReadAllTextAsync(Assert.Single(metadata)), StringComparison.Ordinal); // came from the local folder
    }
}
