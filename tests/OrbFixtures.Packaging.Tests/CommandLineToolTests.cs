using System.Text.Json.Nodes;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The <c>orbfixtures</c> tool as a user gets it: installed with <c>dotnet tool install</c> from the packed packages in
/// a folder outside the repository, next to the simulator tool, and run against that simulator.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class CommandLineToolTests(PackedPackages packages)
{
    [Fact]
    public async Task The_tool_installs_from_the_packages_and_runs_doctor_list_and_a_dry_run_reap_on_the_packed_simulator()
    {
        Assert.True(File.Exists(packages.PackagePath(PackedPackages.CliId)));
        using var scratch = new ScratchProject(packages.Feed, ScratchTestPlatform.XunitV2);

        var (exitCode, output, _) = await scratch.RunBashAsync("""
            dotnet tool install OrbFixtures.Simulator --tool-path .orbsim
            dotnet tool install OrbFixtures.Cli --tool-path .tools
            export ORBFIXTURES_ORBCTL="$PWD/.orbsim/orbctl-sim"
            .orbsim/orbctl-sim create ubuntu of-stray-web
            .tools/orbfixtures doctor
            .tools/orbfixtures list --json > list.json
            .tools/orbfixtures reap --dry-run --json > reap.json
            """);

        Assert.True(exitCode == 0, output);
        var listed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(scratch.ProjectDirectory, "list.json")))!;
        Assert.Empty(listed["machines"]!.AsArray());
        Assert.Equal(["of-stray-web"], listed["notOwned"]!.AsArray().Select(m => (string?)m!["name"]));
        var reaped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(scratch.ProjectDirectory, "reap.json")))!;
        Assert.True((bool)reaped["dryRun"]!);
        Assert.Equal(0, (int)reaped["machinesDeleted"]!);
    }
}
