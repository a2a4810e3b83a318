using OrbFixtures.Diagnostics;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.Templates;

/// <summary>
/// A clone that fails mid-way — its <c>orbctl clone</c>, the <c>config set</c> of its own limits before its first start,
/// or that start — leaves nothing behind: no clone machine, no orbctl process, no ledger record but the template's
/// (which stays ready, with no lease of the failed session). Each fault fails every time, so retries cannot hide it.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class TemplateCloneFailureTests(ReliabilityTally tally, ITestOutputHelper output)
{
    private const string Refused = "[-32098] simulated failure";

    public static TheoryData<string> Steps => ["clone", "config", "start"];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_clone_failing_midway_leaves_no_machine_no_process_and_no_record(string step)
    {
        // The faults target the clone only: its name ends with "-web", the template's with its hash, and only a clone
        // is configured with `config set`.
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario
        {
            Faults = [new FaultRule(step, "fail") { Machine = step == "start" ? "*-web" : null, Stderr = Refused, ExitCode = 1 }],
        });
        var state = world.NewStateDirectory("templates");
        var recipe = TemplateWorlds.Recipe.ToTemplate();
        string template, clone;
        await using (var session = world.Provisioner(world.Options(state)))
        {
            template = session.MachineNameFor(recipe);
            // Its own CPU limit makes the clone run `config set` before its first start.
            var spec = MachineSpec.FromTemplate(recipe, "web").WithCpus(1);
            clone = session.MachineNameFor(spec);
            var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() => session.EnsureAsync(spec));
            output.WriteLine($"{step}: {failure.Message.Split('\n')[0]}");
            Assert.Single(failure.Log.Events.OfType<TemplateBuilt>());
            Assert.Contains(world.Log, i => i.Command == step && i.Fault == "fail");
        }

        Assert.Null(await world.FindAsync(clone));
        var halfBuilt = TemplateWorlds.HalfBuiltClones(world, template);
        tally.HalfBuiltClones(halfBuilt);
        Assert.Equal(0, halfBuilt);
        await world.AssertOnlyTheTemplateLeftAsync(tally, state, template);
    }
}
