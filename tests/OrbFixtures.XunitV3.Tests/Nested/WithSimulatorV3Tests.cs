using OrbFixtures.Diagnostics;
using OrbFixtures.TestSupport;
using OrbFixtures.Xunit;
using OrbFixtures.Xunit.Tests.Nested;
using Xunit;

namespace OrbFixtures.XunitV3.Tests.Nested;

/// <summary>Nested runs of the v3 fixture project (tests/Fixtures/MachineSuiteV3) under VSTest against the orbctl simulator.</summary>
public sealed class WithSimulatorV3Tests
{
    // What the fixture project and the scenario say (test data, not OrbFixtures' wording).
    private const string AssertSkipReason = "skipped from inside a machine test";
    private const string HangThenBroken = Simulated.HangThenBroken;

    private const string V3 = NestedProjects.MachineSuiteV3;

    [Fact]
    public async Task On_v3_the_machine_tests_pass_in_the_v2_order_with_theory_rows_the_assembly_fixture_and_an_adopted_hang()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox(HangThenBroken);

        var run = await workspace.RunAsync(V3, Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName!~BrokenTests&FullyQualifiedName!~FragileTests&FullyQualifiedName!~FreshTests");

        Assert.True(run.ExitCode == 0, run.Describe());
        var skipped = run["DbTests.Assert_Skip_still_skips"];
        Assert.True(skipped.Skipped, skipped.Message);
        Assert.Equal(AssertSkipReason, skipped.Message);
        Assert.All(run.Results.Where(r => r != skipped), r => Assert.True(r.Passed, $"{r.Name} was {r.Outcome}: {r.Message}"));
        Assert.Equal(2, run.In("DbTests").Count(r => r.Name.Contains("Exit_codes_come_back", StringComparison.Ordinal) && r.Passed));
        Assert.True(run["DbTests.Beside_the_machine_tests_plain"].Passed);
        Assert.True(run["AssemblyFixtureTests.The_assembly_fixture_is_reachable_from_the_test_context"].Passed);
        Assert.Contains(ArgvText.Format(["uname", "-a"]), run["DbTests.Runs_a_command_in_db"].StandardOutput, StringComparison.Ordinal); // the echo
        Assert.Equal(
            ["Alpha_plain", "Zulu_plain", "Z_early", "A_machine", "b_machine", "Theory_late(1)", "Theory_late(2)", "Z_destroys_first", "Destroys_last"],
            workspace.ReadOrderLog());
        Assert.Equal(1, ReportedMachine.Single(workspace.ReportPath, "db").HangsAdopted);
        Assert.Empty(await Simulated.MachineNamesAsync(sandbox)); // the collection and the assembly fixture both cleaned up
    }

    [Fact]
    public async Task A_failing_v3_test_ends_its_message_with_the_history_and_carries_it_as_an_attachment_and_a_broken_fixture_fails_every_test_with_it()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox(HangThenBroken);

        var run = await workspace.RunAsync(V3,
            Simulated.Variables(sandbox, ("MACHINESUITE_FAIL", "1"), ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName~DbTests.Fails_on_request|FullyQualifiedName~BrokenTests");

        Assert.NotEqual(0, run.ExitCode);
        var db = ReportedMachine.Single(workspace.ReportPath, "db");
        var failed = run["DbTests.Fails_on_request"];
        Assert.True(failed.Failed, run.Describe());
        FailureBlockAssert.EndsTheMessageOnce(failed.Message, db);
        FailureBlockAssert.IsInTimeOrder(failed.Message);
        var attachment = Assert.Single(failed.Attachments);
        Assert.StartsWith(MachineTestMessageBus.AttachmentPrefix + "db", attachment.Key, StringComparison.Ordinal);
        Assert.StartsWith(db.Subject + ":", attachment.Value, StringComparison.Ordinal); // the machine's log, as text
        Assert.Contains(db.Name, attachment.Value, StringComparison.Ordinal);

        var broken = ReportedMachine.Single(workspace.ReportPath, "broken");
        Assert.Equal("failed", broken.Outcome);
        var brokenTests = run.In("BrokenTests");
        Assert.Equal(2, brokenTests.Count);
        // A fixture that failed fails every test of its collection like a failed machine test: its error, the history
        // block ending the message, and the machine's log as an attachment.
        Assert.All(brokenTests, t =>
        {
            Assert.True(t.Failed, $"{t.Name} was {t.Outcome}");
            Assert.Contains(typeof(MachineProvisioningException).FullName!, t.Message, StringComparison.Ordinal);
            FailureBlockAssert.EndsTheMessageOnce(t.Message, broken);
            AssertAttachedLog(t, broken);
        });
    }

    /// <summary>The result carries exactly one attachment, the machine's log: named after the machine, and the same text as
    /// the machine's part of the failure block.</summary>
    private static void AssertAttachedLog(TrxResult result, ReportedMachine machine)
    {
        var attachment = Assert.Single(result.Attachments);
        Assert.StartsWith(MachineTestMessageBus.AttachmentPrefix + machine.LogicalName, attachment.Key, StringComparison.Ordinal);
        Assert.StartsWith(machine.Subject + ":", attachment.Value, StringComparison.Ordinal);
        Assert.Contains(Lines(attachment.Value), Lines(result.Message), StringComparison.Ordinal);
    }

    private static string Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n');

    [Fact]
    public async Task On_v3_a_fresh_test_leaves_the_next_test_a_new_clone_without_its_damage()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(V3, Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName~FreshTests");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.True(run["FreshTests.First_damages_its_clone"].Passed, run.Describe());
        Assert.True(run["FreshTests.Second_finds_a_fresh_clone"].Passed, run.Describe()); // the damage did not leak
        var seen = workspace.ReadOrderLog().Select(line => line.Split(' ')).ToDictionary(l => l[0], l => l[1]);
        Assert.Equal(["First_damages_its_clone", "Second_finds_a_fresh_clone"], seen.Keys);
        Assert.NotEqual(seen["First_damages_its_clone"], seen["Second_finds_a_fresh_clone"]); // another machine (ULID)
        var clones = ReportedMachine.Read(workspace.ReportPath).Where(m => m.LogicalName == "clone").ToList();
        Assert.Equal(2, clones.SelectMany(c => c.OfType("cloned")).Select(e => (string?)e["at"]).Distinct().Count()); // cloned twice
        // Only the template outlives the run: the damaged clone and the fresh one were both deleted.
        Assert.All(await Simulated.MachineNamesAsync(sandbox), name => Assert.Contains("-tpl-", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_health_check_on_a_machine_deleted_by_hand_fails_the_next_machine_test_at_once_with_its_history()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(V3,
            Simulated.Variables(sandbox, ("ORBFIXTURES_VERIFY_BEFORE_TEST", "true"), ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName~FragileTests");

        Assert.True(run["FragileTests.First_deletes_its_machine_by_hand"].Passed, run.Describe());
        var second = run["FragileTests.Second_finds_it_gone"];
        Assert.True(second.Failed, run.Describe());
        Assert.DoesNotContain("Second_finds_it_gone", workspace.ReadOrderLog()); // its body never ran
        var fragile = ReportedMachine.Single(workspace.ReportPath, "fragile");
        FailureBlockAssert.EndsTheMessageOnce(second.Message, fragile);
        var checks = fragile.OfType("healthChecked");
        Assert.Equal([nameof(HealthVerdict.Running), nameof(HealthVerdict.Gone)], checks.Select(c => (string?)c["verdict"]));
    }

    [Fact]
    public async Task Without_the_health_check_the_same_tests_pass_it_is_opt_in()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(V3, Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName~FragileTests");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["Second_finds_it_gone"], workspace.ReadOrderLog());
        Assert.Empty(ReportedMachine.Single(workspace.ReportPath, "fragile").OfType("healthChecked"));
    }
}
