using System.Security;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>The documented way to configure a run: <c>.runsettings</c> <c>&lt;RunConfiguration&gt;&lt;EnvironmentVariables&gt;</c>.</summary>
public sealed class RunSettingsTests
{
    private static string RunSettings(IReadOnlyDictionary<string, string> variables) => $"""
        <RunSettings>
          <RunConfiguration>
            <EnvironmentVariables>
        {string.Concat(variables.Select(v => $"      <{v.Key}>{SecurityElement.Escape(v.Value)}</{v.Key}>\n"))}    </EnvironmentVariables>
          </RunConfiguration>
        </RunSettings>
        """;

    [Fact]
    public async Task The_orbctl_path_and_the_cleanup_policy_come_from_runsettings()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();
        try
        {
            // The process environment says "no OrbStack"; the runsettings file wins and names the simulator.
            var run = await workspace.RunAsync(NestedProjects.MachineSuite,
                new Dictionary<string, string> { ["ORBFIXTURES_ORBCTL"] = "/nonexistent/orbctl", ["PATH"] = NestedEnvironment.PathWithoutOrbctl() },
                filter: "FullyQualifiedName~DbTests",
                runSettings: RunSettings(Simulated.Variables(sandbox, ("ORBFIXTURES_CLEANUP", "keep"))));

            Assert.True(run["DbTests.Runs_a_command_in_db"].Passed, run.Describe());
            var kept = Assert.Single(await Simulated.MachineNamesAsync(sandbox));
            Assert.EndsWith("-db", kept, StringComparison.Ordinal);
        }
        finally
        {
            await Simulated.DeleteAllAsync(sandbox);
        }
    }

    [Fact]
    public async Task The_create_timeout_comes_from_runsettings()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox("""{ "faults": [ { "op": "create", "machine": "*-db", "action": "hang" } ] }""");

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, [],
            filter: "FullyQualifiedName~DbTests.Runs_a_command_in_db",
            runSettings: RunSettings(Simulated.Variables(sandbox,
                ("ORBFIXTURES_TIMEOUT_CREATE", "1"), ("ORBFIXTURES_WATCHDOG", "false"), ("ORBFIXTURES_MAX_ATTEMPTS", "1"))));

        var result = run["DbTests.Runs_a_command_in_db"];
        Assert.True(result.Failed, run.Describe());
        Assert.Contains("===== OrbFixtures attempt history =====", result.Message, StringComparison.Ordinal);
        Assert.Matches(@"Create #1 `orbctl create .*-db` timeout 1\.0 s, took [0-9.]+ s: TIMED OUT", result.Message);
        Assert.Empty(await Simulated.MachineNamesAsync(sandbox));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Autostart_from_runsettings_decides_whether_a_stopped_OrbStack_is_started(bool autostart)
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox("""{ "daemon": { "status": "Stopped" } }""");

        var run = await workspace.RunAsync(NestedProjects.MachineSuite, [],
            filter: "FullyQualifiedName~OrderTests",
            runSettings: RunSettings(Simulated.Variables(sandbox, ("ORBFIXTURES_AUTOSTART", autostart ? "true" : "false"))));

        var machineTest = run["OrderTests.A_machine"];
        if (autostart)
        {
            Assert.True(machineTest.Passed, run.Describe());
            Assert.Contains(sandbox.ReadLog(), i => i.Argv.SequenceEqual(["start"]));
        }
        else
        {
            Assert.True(machineTest.Skipped, run.Describe());
            Assert.Contains("not running (orbctl status: Stopped)", machineTest.Message, StringComparison.Ordinal);
            Assert.Contains("ORBFIXTURES_AUTOSTART=true", machineTest.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(sandbox.ReadLog(), i => i.Command == "start");
        }
    }
}
