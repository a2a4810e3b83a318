using System.Text.Json;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The README's "Building the packages from a clone", followed to the letter: its first bash block runs in a copy of the
/// repository, its second in a new project outside it, with a private home folder (where <c>~/orbfixtures-packages</c>
/// lands) and a private NuGet package folder (so only the packages just packed can satisfy the reference).
/// </summary>
public sealed class FromSourceTests : IDisposable
{
    public const string Section = "Building the packages from a clone";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("of-from-source-");

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task The_README_commands_pack_from_a_clone_and_a_project_gets_OrbFixtures_from_that_folder()
    {
        var blocks = Readme.In(Section).Where(b => b.Language == "bash").ToList();
        Assert.Equal(2, blocks.Count);
        var clone = Path.Combine(_root.FullName, "clone");
        var home = Path.Combine(_root.FullName, "home");
        var consumer = Path.Combine(_root.FullName, "consumer");
        SourceCopy.Create(clone);
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"),
            """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        var environment = ChildProcess.Environment(PackagingEnvironment.StrippedPrefixes);
        environment["HOME"] = home;
        environment["NUGET_PACKAGES"] = Path.Combine(_root.FullName, "nuget-packages");

        // Six packs, one of them a NativeAOT build: on a loaded 2-core machine (the suite's projects run side by side)
        // they took more than 10 minutes.
        var (packed, packOutput, _) = await ChildProcess.RunAsync("bash", ["-euo", "pipefail", "-c", blocks[0].Text], environment, clone,
            TimeSpan.FromMinutes(20));
        Assert.True(packed == 0, packOutput);
        var feed = Path.Combine(home, "orbfixtures-packages");
        Assert.All(PackedPackages.Ids, id => Assert.Single(Directory.GetFiles(feed, id + ".*.nupkg"),
            f => char.IsAsciiDigit(Path.GetFileName(f)[(id.Length + 1)..][0])));

        var (added, addOutput, _) = await ChildProcess.RunAsync("bash", ["-euo", "pipefail", "-c", blocks[1].Text], environment, consumer,
            TimeSpan.FromMinutes(10));
        Assert.True(added == 0, addOutput);
        Assert.Contains("orbfixtures-local", await File.ReadAllTextAsync(Path.Combine(consumer, "nuget.config")), StringComparison.Ordinal);
        using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();
        Assert.Contains(libraries, l => l.StartsWith("OrbFixtures.XunitV3/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("OrbFixtures/", StringComparison.Ordinal));
        var metadata = Directory.GetFiles(Path.Combine(_root.FullName, "nuget-packages", "orbfixtures.xunitv3"), ".nupkg.metadata", SearchOption.AllDirectories);
        Assert.Contains(feed, await File.ReadAllTextAsync(Assert.Single(metadata)), StringComparison.Ordinal); // came from the local folder
    }
}
