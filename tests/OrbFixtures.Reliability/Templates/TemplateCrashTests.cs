using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.Templates;

/// <summary>
/// A template builder (a child test process, tests/OrbFixtures.TestChild) SIGKILLed at each stage of its build, and a
/// template deleted by hand between runs. Each stage's window is opened by a fault or a delayed answer on that stage's
/// orbctl call, and the builder is killed once the invocation log shows the call started:
/// <code>
/// stage    the builder is killed while                   it leaves
/// create   its create hangs after making the machine     record (creating, no ULID) + the machine, creating
/// setup    its setup step runs (delayed for minutes)     record (creating, ULID) + the machine, running
/// seal     its first seal command runs (delayed)         record (creating, ULID) + the machine, set up but not sealed
/// stop     its stop of the sealed template hangs         record (creating, ULID) + the machine, sealed but running
/// </code>
/// The next run (this process) needs the same template: it never clones from what the builder left, deletes it only
/// with proof that it is that build's machine (the reaper's sweep or the build's own check), builds it again and clones
/// the new one. The killed builder's hung orbctl outlives it, as on a real host; the test kills that orphan before the
/// next run, since no later session can.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class TemplateCrashTests(ReliabilityTally tally, ITestOutputHelper output)
{
    private static readonly TimeSpan s_patience = Timing.Patience;

    /// <summary>Long enough that the builder is always killed first; the next run's scenario has no delay.</summary>
    private const int ForMinutes = 600_000;

    /// <summary>One stage of a build: how its window is opened, and the invocation that shows it is open.</summary>
    private sealed record Stage(string Name, SimScenario Opens, Func<LoggedInvocation, string, bool> Opened)
    {
        public override string ToString() => Name;
    }

    private static readonly Stage[] s_stages =
    [
        new("create", new SimScenario { Faults = [FaultRule.HangAfterCreate(TemplateWorlds.TemplateGlob)] },
            (i, template) => i.Command == "create" && i.Argv.Contains(template) && i.Fault == "hang-after-create"),
        new("setup", new SimScenario { Run = [new SimRunAnswer(TemplateWorlds.SetupStep) { Machine = TemplateWorlds.TemplateGlob, DurationMs = ForMinutes }] },
            (i, template) => Runs(i, template, TemplateWorlds.SetupStep)),
        new("seal", new SimScenario { Run = [new SimRunAnswer(TemplateWorlds.FirstSealCommand) { Machine = TemplateWorlds.TemplateGlob, DurationMs = ForMinutes }] },
            (i, template) => Runs(i, template, TemplateWorlds.FirstSealCommand)),
        new("stop", new SimScenario { Faults = [FaultRule.Hang("stop", TemplateWorlds.TemplateGlob)] },
            (i, template) => i.Command == "stop" && i.Argv.Contains(template) && i.Fault == "hang"),
    ];

    [Fact]
    public async Task A_builder_killed_at_any_stage_leaves_a_template_the_next_run_never_clones_but_reaps_and_rebuilds()
    {
        // Each stage in a world of its own, all at once: the stages' waits overlap.
        var problems = await Task.WhenAll(s_stages.Select(async stage =>
        {
            try
            {
                await Counted.RunAsync(tally.TemplateCrash, () => KillAndRecoverAsync(stage));
                return null;
            }
            catch (Exception e)
            {
                return $"{stage}: {e}";
            }
        }));
        Assert.All(problems, problem => Assert.Null(problem));
    }

    [Fact]
    public async Task A_template_deleted_by_hand_between_runs_is_rebuilt_before_anything_is_cloned()
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        var state = world.NewStateDirectory("templates");
        var recipe = TemplateWorlds.Recipe.ToTemplate();
        string template;
        await using (var first = world.Provisioner(world.Options(state)))
        {
            await first.EnsureAsync(MachineSpec.FromTemplate(recipe, "web"));
            template = first.MachineNameFor(recipe);
        }
        var built = (await world.FindAsync(template))!.Id;
        Assert.Equal(0, (await world.Sandbox.RunAsync("delete", "-f", template)).ExitCode); // by hand, as a person would
        var from = world.Log.Count;

        await using (var next = world.Provisioner(world.Options(state)))
        {
            var web = await next.EnsureAsync(MachineSpec.FromTemplate(recipe, "web"));
            Assert.Equal(TemplateBuildReason.Missing, Assert.Single(web.Log.OfType<TemplateBuildStarted>()).Reason);
            Assert.Equal(ReadyVia.Cloned, Assert.Single(web.Log.OfType<MachineReady>()).Via);
        }

        var halfBuilt = TemplateWorlds.HalfBuiltClones(world, template);
        tally.HalfBuiltClones(halfBuilt);
        Assert.Equal(0, halfBuilt);
        Assert.Equal(2, world.Log.Count(i => i.Command == "create" && i.Argv.Contains(template)));
        Assert.NotEqual(built, (await world.FindAsync(template))?.Id);
        await world.AssertOnlyTheTemplateLeftAsync(tally, state, template);
    }

    private async Task KillAndRecoverAsync(Stage stage)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, stage.Opens);
        var state = world.NewStateDirectory("templates");
        // Watchdog off: it would otherwise find the machine of a hung create and carry the build on past the stage.
        var config = world.ChildConfig(state, [new ChildMachine("web", "ubuntu")], hold: false,
            c => c with { Template = TemplateWorlds.Recipe, Watchdog = false });

        string template;
        SimMachine halfBuilt;
        int builderPid;
        await using (var builder = ChildSession.Start($"builder killed at {stage}", config))
        {
            template = (await builder.WaitForLineAsync("template ", s_patience)).Split(' ')[1];
            await InvocationWatch.WaitForAsync(world.Sandbox, i => stage.Opened(i, template), $"of {stage} on {template}", s_patience);
            halfBuilt = await MachineOfAsync(world, template);
            await builder.KillAsync();
            builderPid = builder.Pid;
            output.WriteLine($"{stage}: SIGKILLed builder pid {builderPid} with {halfBuilt} half-built\n{builder.Transcript()}");
        }
        SandboxProcesses.KillAll(world.Sandbox.Home); // the dead builder's orphaned orbctl
        world.Sandbox.WriteScenario(new SimScenario().ToJson()); // the next run meets no fault

        var left = Assert.Single(WorldChecks.Ledger(state));
        Assert.Equal((template, LedgerState.Creating, builderPid), (left.Name, left.State, left.Owner.Pid));
        Assert.True(left.Id is null || left.Id == halfBuilt.Id, $"{stage}: the record names {left.Id}, the machine is {halfBuilt}");
        Assert.Equal(halfBuilt.Id, (await world.FindAsync(template))?.Id); // still there for the next run to deal with

        var from = world.Log.Count;
        await using (var next = world.Provisioner(world.Options(state)))
        {
            var web = await next.EnsureAsync(MachineSpec.FromTemplate(TemplateWorlds.Recipe.ToTemplate(), "web"));
            Assert.Equal(ReadyVia.Cloned, Assert.Single(web.Log.OfType<MachineReady>()).Via);
            Assert.Single(web.Log.OfType<TemplateBuilt>());
            // Reaped by the sweep (which deletes only with proof it is the dead builder's machine) or by the build's
            // own check of its record (proof again) — either way a typed event names it.
            var recorded = world.Recorded;
            Assert.True(
                recorded.OfType<ReaperAction>().Any(a => a.Machine == template && a.Action == ReaperActionKind.Deleted)
                || recorded.OfType<TemplateDiscarded>().Any(d => d.Template == template && d.Reason == TemplateBuildReason.HalfBuilt),
                $"{stage}: no event says the half-built {template} was reaped");
        }

        var log = world.Log.Skip(from).ToList();
        var deleted = Assert.Single(log, i => i.Command == "delete" && i.Argv.Contains(template));
        var rebuilt = Assert.Single(log, i => i.Command == "create" && i.Argv.Contains(template));
        Assert.True(deleted.EndedAt <= rebuilt.StartedAt, $"{stage}: the rebuild began before the half-built template was deleted");
        Assert.NotEqual(halfBuilt.Id, (await world.FindAsync(template))?.Id);
        var halfBuiltClones = TemplateWorlds.HalfBuiltClones(world, template);
        tally.HalfBuiltClones(halfBuiltClones);
        Assert.Equal(0, halfBuiltClones);
        await world.AssertOnlyTheTemplateLeftAsync(tally, state, template);
        output.WriteLine($"{stage}: {halfBuilt} reaped, {template} rebuilt and cloned");
    }

    private static bool Runs(LoggedInvocation invocation, string template, IReadOnlyList<string> command) =>
        invocation.Command == "run" && invocation.Argv.Contains(template) && invocation.EndedAt is null
        && invocation.Argv.AsSpan()[^command.Count..].SequenceEqual([.. command]);

    /// <summary>The template machine as the builder left it; a hung create has made it only once the simulator lists it.</summary>
    private static async Task<SimMachine> MachineOfAsync(SimulatedWorld world, string template)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (true)
        {
            if (await world.FindAsync(template) is { } machine) return machine;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{template} never appeared in orbctl list");
            await Task.Delay(50);
        }
    }
}
