using System.Security;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
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
                runSettings: RunSettings(Simulated.Variables(sandbox, ("ORBFIXTURES_CLEANUP", "keep"), ("ORBFIXTURES_REPORT", workspace.ReportPath))));

            Assert.True(run["DbTests.Runs_a_command_in_db"].Passed, run.Describe());
            var db = ReportedMachine.Single(workspace.ReportPath, "db");
            Assert.Equal(nameof(CleanupOutcome.Kept), db.Cleanup);
            Assert.Equal([db.Name], await Simulated.MachineNamesAsync(sandbox));
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
                ("ORBFIXTURES_TIMEOUT_CREATE", "1"), ("ORBFIXTURES_WATCHDOG", "false"), ("ORBFIXTURES_MAX_ATTEMPTS", "1"),
                ("ORBFIXTURES_REPORT", workspace.ReportPath))));

        var result = run["DbTests.Runs_a_command_in_db"];
        Assert.True(result.Failed, run.Describe());
        var db = ReportedMachine.Single(workspace.ReportPath, "db");
        FailureBlockAssert.EndsTheMessageOnce(result.Message, db);
        var create = Assert.Single(db.OfType("attemptFinished"), a => (string?)a["operation"] == nameof(Operation.Create));
        Assert.Equal((nameof(AttemptOutcome.TimedOut), 1000.0), ((string?)create["outcome"], (double)create["timeout"]!));
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
            var stopped = await OrbStackProbe.CheckAsync(new OrbFixturesOptions
            {
                OrbctlPath = SimulatorSandbox.OrbctlPath, OrbctlEnvironment = sandbox.Environment, AutoStart = false,
            });
            Assert.Equal((false, OrbStackStatus.Stopped), (stopped.IsAvailable, stopped.Status));
            Assert.Equal(stopped.Reason, machineTest.Message);
            Assert.DoesNotContain(sandbox.ReadLog(), i => i.Command == "start");
        }
    }
}
