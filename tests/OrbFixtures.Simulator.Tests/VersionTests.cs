using System.Text.RegularExpressions;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class VersionTests
{
    [Fact]
    public async Task I_can_read_the_version_and_build_code_of_the_simulated_OrbStack()
    {
        using var orb = new SimulatedOrbStack(scenarioJson: null);

        var outcome = await orb.RunAsync("version");

        Assert.Equal("", outcome.StandardError);
        Assert.Matches(new Regex(@"\AVersion: 2\.2\.3 \(2020300\)\nCommit: [0-9a-f]{40} \(v2\.2\.3\)\n\z"), outcome.StandardOutput);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Theory]
    [InlineData("0.17.0", "Version: 0.17.0 (170000)")]
    [InlineData("1.11.3", "Version: 1.11.3 (1110300)")]
    public async Task The_version_comes_from_the_scenario(string version, string firstLine)
    {
        using var orb = new SimulatedOrbStack($$"""{"version":"{{version}}"}""");

        var outcome = await orb.RunAsync("version");

        Assert.StartsWith(firstLine + "\nCommit: ", outcome.StandardOutput);
        Assert.EndsWith($" (v{version})\n", outcome.StandardOutput);
    }

    [Fact]
    public async Task Version_needs_no_running_OrbStack_and_does_not_start_it()
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Stopped"}}""");

        var version = await orb.RunAsync("version", "ignored", "args");
        var status = await orb.RunAsync("status");

        Assert.Equal(0, version.ExitCode);
        status.ShouldBe(1, "Stopped\n");
    }
}
