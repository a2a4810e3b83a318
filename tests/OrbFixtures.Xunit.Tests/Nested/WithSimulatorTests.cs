using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>Nested runs of the fixture projects against the orbctl simulator.</summary>
public sealed class WithSimulatorTests
{
    private const string HangThenBroken = """
        {
          "faults": [
            { "op": "create", "machine": "*-db", "times": 1, "action": "hang-after-create" },
            { "op": "create", "machine": "*-broken", "action": "fail", "exitCode": 1,
              "stderr": "[-32098] create '{name}': make rootfs: image not found: {debian foo arm64 default}" }
          ]
        }
        """;

    [Fact]
    public async Task With_the_simulator_the_machine_tests_pass_in_the_specified_order_and_the_machines_are_deleted()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite,
            Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath)), filter: "FullyQualifiedName!~BrokenTests");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.All(run.Results.Where(r => !r.Name.EndsWith("Skip_If_still_skips", StringComparison.Ordinal)),
            r => Assert.True(r.Passed, $"{r.Name} was {r.Outcome}: {r.Message}"));
        Assert.Equal(5 + 9 + 2 + 1, run.Results.Count(r => r.Passed)); // DbTests (one plain), OrderTests, RuntimeDataTests, SecretTests
        Assert.Equal(2, run.In("RuntimeDataTests").Count(r => r.Passed));
        var skipped = run["DbTests.Skip_If_still_skips"];
        Assert.True(skipped.Skipped, skipped.Message);
        Assert.Equal("skipped from inside a machine test", skipped.Message);
        Assert.Contains("[db] $ uname -a -> exit 0 in ", run["DbTests.Runs_a_command_in_db"].StandardOutput, StringComparison.Ordinal);
        Assert.Equal(
            ["Alpha_plain", "Zulu_plain", "Z_early", "A_machine", "b_machine", "Theory_late(1)", "Theory_late(2)", "Z_destroys_first", "Destroys_last"],
            workspace.ReadOrderLog());
        Assert.Empty(await Simulated.MachineNamesAsync(sandbox)); // the default cleanup policy deleted the db machine
        Assert.Contains("db", await File.ReadAllTextAsync(workspace.ReportPath), StringComparison.Ordinal);
        Assert.Contains("OrbFixtures DbStack: machine 'db' is ready as ", run.Console, StringComparison.Ordinal); // progress
        Assert.Matches(@"OrbFixtures DbStack: db \(of-\S+-db\): ", run.Console); // the provisioner's own progress, forwarded
    }

    [Fact]
    public async Task A_secret_of_a_failing_command_appears_nowhere_in_the_trx_console_report_or_exception()
    {
        const string secret = "Sup3r-S3cret-7x9q";
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite,
            Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath), ("MACHINESUITE_SECRET", secret)),
            filter: "FullyQualifiedName~SecretTests");

        var failed = run["SecretTests.Fails_with_a_secret_in_the_command_and_its_output"];
        Assert.True(failed.Failed, run.Describe());
        Assert.StartsWith(
            "OrbFixtures.MachineCommandException : Command [sh -c echo token=***; no-such-tool-***] in machine 'db' exited 127. " +
            "stderr: sh: 1: no-such-tool-***: not found", failed.Message, StringComparison.Ordinal);
        Assert.Contains("[db] $ sh -c ", failed.StandardOutput, StringComparison.Ordinal); // the command echo
        Assert.Contains("no-such-tool-***", failed.StandardOutput, StringComparison.Ordinal);
        var trx = Assert.Single(Directory.GetFiles(workspace.Root, "*.trx", SearchOption.AllDirectories));
        string[] everywhere = [await File.ReadAllTextAsync(trx), run.Console, await File.ReadAllTextAsync(workspace.ReportPath), failed.Message];
        Assert.All(everywhere, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.Contains("***", await File.ReadAllTextAsync(trx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_test_carries_the_hang_and_the_adoption_and_a_failed_fixture_fails_its_tests_with_the_history()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox(HangThenBroken);

        var run = await workspace.RunAsync(NestedProjects.MachineSuite,
            Simulated.Variables(sandbox, ("MACHINESUITE_FAIL", "1")), filter: "FullyQualifiedName~DbTests|FullyQualifiedName~BrokenTests");

        // The hung create was adopted, so the other db tests pass; the deliberate failure tells the whole story.
        Assert.True(run["DbTests.Runs_a_command_in_db"].Passed, run.Describe());
        var failed = run["DbTests.Fails_on_request"];
        Assert.True(failed.Failed, run.Describe());
        Assert.StartsWith("deliberate failure (MACHINESUITE_FAIL=1)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("===== OrbFixtures attempt history =====", failed.Message, StringComparison.Ordinal);
        Assert.Matches(@"Create #1 `orbctl create .*-db` timeout", failed.Message);
        Assert.Contains("cancelled (process tree killed)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("adopt", failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[db] $ echo 'before the failure' -> exit 0", failed.Message, StringComparison.Ordinal);
        // The provisioner's progress reaches the console through the diagnostic messages.
        Assert.Matches(@"OrbFixtures DbStack: db \(\S+-db\): create hung after the machine was made; watchdog adopted it", run.Console);

        // Provisioning began and failed: a failure (never a skip), with the attempt that failed and orbctl's words.
        var broken = run["BrokenTests.Uses_the_broken_machine"];
        Assert.True(broken.Failed, run.Describe());
        Assert.Contains("===== OrbFixtures attempt history =====", broken.Message, StringComparison.Ordinal);
        Assert.Matches(@"Create #1 `orbctl create .*-broken`", broken.Message);
        Assert.Contains("image not found", broken.Message, StringComparison.Ordinal);
        Assert.Empty(await Simulated.MachineNamesAsync(sandbox));
    }

    [Fact]
    public async Task The_orderer_applies_at_collection_and_class_level()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(NestedProjects.OrdererScopes, Simulated.Variables(sandbox));

        Assert.True(run.ExitCode == 0, run.Describe());
        var log = workspace.ReadOrderLog();
        string[] Of(string type) => [.. log.Where(l => l.StartsWith(type + ".", StringComparison.Ordinal)).Select(l => l[(type.Length + 1)..])];
        Assert.Equal(["M_z", "M_b", "D_a", "B_plain", "A_plain"], Of("AssemblyScope")); // the assembly's reverse orderer
        Assert.Equal(["A_plain", "B_plain", "M_z", "M_b", "D_a"], Of("CollectionScope"));
        Assert.Equal(["A_plain", "B_plain", "M_z", "M_b", "D_a"], Of("ClassScope"));
    }
}
