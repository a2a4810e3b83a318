using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>Nested runs of the fixture projects against the orbctl simulator.</summary>
public sealed class WithSimulatorTests
{
    // What the fixture projects and the scenario say (test data, not OrbFixtures' wording).
    private const string SkipIfReason = "skipped from inside a machine test";
    private const string DeliberateFailure = "deliberate failure (MACHINESUITE_FAIL=1)";
    private const string ImageNotFound = Simulated.ImageNotFound;
    private const string HangThenBroken = Simulated.HangThenBroken;

    [Fact]
    public async Task With_the_simulator_the_machine_tests_pass_in_the_specified_order_and_the_machines_are_deleted()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite,
            Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName!~BrokenTests&FullyQualifiedName!~FreshTests"); // FreshTests keeps its template: its own test

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.All(run.Results.Where(r => !r.Name.EndsWith("Skip_If_still_skips", StringComparison.Ordinal)),
            r => Assert.True(r.Passed, $"{r.Name} was {r.Outcome}: {r.Message}"));
        Assert.Equal(5 + 9 + 2 + 1, run.Results.Count(r => r.Passed)); // DbTests (one plain), OrderTests, RuntimeDataTests, SecretTests
        Assert.Equal(2, run.In("RuntimeDataTests").Count(r => r.Passed));
        var skipped = run["DbTests.Skip_If_still_skips"];
        Assert.True(skipped.Skipped, skipped.Message);
        Assert.Equal(SkipIfReason, skipped.Message);
        Assert.Contains(ArgvText.Format(["uname", "-a"]), run["DbTests.Runs_a_command_in_db"].StandardOutput, StringComparison.Ordinal); // the echo
        Assert.Equal(
            ["Alpha_plain", "Zulu_plain", "Z_early", "A_machine", "b_machine", "Theory_late(1)", "Theory_late(2)", "Z_destroys_first", "Destroys_last"],
            workspace.ReadOrderLog());
        Assert.Empty(await Simulated.MachineNamesAsync(sandbox)); // the default cleanup policy deleted the db machine
        var db = ReportedMachine.Single(workspace.ReportPath, "db");
        Assert.Equal(("ready", nameof(CleanupOutcome.Deleted)), (db.Outcome, db.Cleanup));
        Assert.Contains(Progress("DbStack", db), run.Console, StringComparison.Ordinal); // the provisioner's own progress, forwarded
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
        Assert.StartsWith(typeof(MachineCommandException).FullName + " : ", failed.Message, StringComparison.Ordinal);
        var redacted = ArgvText.Format(["sh", "-c", $"echo token={SecretRedactor.Mask}; no-such-tool-{SecretRedactor.Mask}"]);
        Assert.Contains(redacted, failed.Message, StringComparison.Ordinal);
        Assert.Contains(redacted, failed.StandardOutput, StringComparison.Ordinal); // the command echo
        var trx = Assert.Single(Directory.GetFiles(workspace.Root, "*.trx", SearchOption.AllDirectories));
        string[] everywhere = [await File.ReadAllTextAsync(trx), run.Console, await File.ReadAllTextAsync(workspace.ReportPath), failed.Message];
        Assert.All(everywhere, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.Contains(SecretRedactor.Mask, await File.ReadAllTextAsync(trx), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_test_and_a_failed_fixture_end_their_message_with_one_time_ordered_block_per_machine()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox(HangThenBroken);

        var run = await workspace.RunAsync(NestedProjects.MachineSuite,
            Simulated.Variables(sandbox, ("MACHINESUITE_FAIL", "1"), ("ORBFIXTURES_REPORT", workspace.ReportPath)),
            filter: "FullyQualifiedName~DbTests|FullyQualifiedName~BrokenTests");

        // The hung create was adopted, so the other db tests pass; the deliberate failure tells the whole story.
        var runsACommand = run["DbTests.Runs_a_command_in_db"];
        Assert.True(runsACommand.Passed, runsACommand.Message + "\n" + run.Describe()); // its own message first: why db failed
        var db = ReportedMachine.Single(workspace.ReportPath, "db");
        Assert.Equal(1, db.HangsAdopted);
        Assert.Contains(db.OfType("attemptFinished"), a => (string?)a["operation"] == nameof(Operation.Create) &&
            (string?)a["decision"] == nameof(AttemptDecision.KilledByWatchdog)); // a watchdog kill reads as one
        var failed = run["DbTests.Fails_on_request"];
        Assert.True(failed.Failed, run.Describe());
        Assert.StartsWith(DeliberateFailure, failed.Message, StringComparison.Ordinal);
        FailureBlockAssert.EndsTheMessageOnce(failed.Message, db);
        FailureBlockAssert.IsInTimeOrder(failed.Message);
        Assert.Contains(ArgvText.Format(["echo", "before the failure"]), failed.Message, StringComparison.Ordinal);
        // The provisioner's progress reaches the console through the diagnostic messages.
        Assert.Contains(Progress("DbStack", db), run.Console, StringComparison.Ordinal);

        // Provisioning began and failed: a failure (never a skip), with the attempt that failed and orbctl's words, and the
        // machine's log once — not also inside the exception's own message.
        var broken = run["BrokenTests.Uses_the_broken_machine"];
        Assert.True(broken.Failed, run.Describe());
        var brokenMachine = ReportedMachine.Single(workspace.ReportPath, "broken");
        Assert.Equal("failed", brokenMachine.Outcome);
        Assert.Contains(brokenMachine.OfType("attemptFinished"), a => (string?)a["operation"] == nameof(Operation.Create) &&
            (string?)a["decision"] == nameof(AttemptDecision.GaveUpPermanent));
        FailureBlockAssert.EndsTheMessageOnce(broken.Message, brokenMachine);
        FailureBlockAssert.IsInTimeOrder(broken.Message);
        Assert.Contains(ImageNotFound, broken.Message, StringComparison.Ordinal);
        Assert.Empty(await Simulated.MachineNamesAsync(sandbox));
    }

    [Fact]
    public async Task A_fresh_destructive_test_leaves_the_next_test_a_new_clone_whose_events_are_in_the_machines_log()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox();

        var run = await workspace.RunAsync(NestedProjects.MachineSuite,
            Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath)), filter: "FullyQualifiedName~FreshTests");

        // The tests themselves check the damage and that the second one sees another ULID than the first.
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.True(run["FreshTests.A_damages_its_machine"].Passed, run.Describe());
        Assert.True(run["FreshTests.B_gets_a_fresh_clone_without_the_damage"].Passed, run.Describe());
        // One report entry per clone; the fresh one's log carries the whole history of the logical machine.
        var clones = ReportedMachine.Read(workspace.ReportPath).Where(m => m.LogicalName == "web").ToList();
        Assert.Equal(2, clones.Count);
        var ready = clones[^1].OfType("ready");
        Assert.Equal([nameof(ReadyVia.Cloned), nameof(ReadyVia.Cloned)], ready.Select(r => (string?)r["via"]));
        Assert.Equal(2, ready.Select(r => (string?)r["id"]).Distinct().Count());
        Assert.Equal(2, clones[^1].OfType("cloned").Count);
        var log = sandbox.ReadLog();
        var template = Assert.Single(log, i => i.Command == "create").Argv[^1]; // built once, cloned twice
        Assert.Equal(2, log.Count(i => i.Command == "clone" && i.Argv[1] == template));
        Assert.Equal([template], await Simulated.MachineNamesAsync(sandbox)); // both clones deleted, the template kept
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

    /// <summary>How a fixture's diagnostic line about one machine of the provisioner's progress begins.</summary>
    private static string Progress(string fixture, ReportedMachine machine) => $"OrbFixtures {fixture}: {machine.Subject}: ";
}
