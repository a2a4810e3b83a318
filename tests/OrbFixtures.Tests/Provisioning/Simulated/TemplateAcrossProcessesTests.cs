using OrbFixtures.Ownership;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>One builder across processes: test sessions in processes of their own (tests/OrbFixtures.TestChild), started
/// together and needing the same template, build it once between them and every one of them clones it.</summary>
public sealed class TemplateAcrossProcessesTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90); // child processes start slowly on a busy host
    private const int Sessions = 3;

    private static readonly ChildTemplate s_recipe = new("base", "ubuntu:24.04", [["mkdir", "-p", "/opt/app"]]);

    [Fact]
    public async Task Sessions_in_separate_processes_build_a_template_once_and_every_one_clones_it()
    {
        using var world = new SimulatedWorld("""{ "durations": { "create": 100, "provisioning": 100 } }""", SimulatedTuning.Options);
        string template;
        await using (var naming = world.Provisioner()) template = naming.MachineNameFor(s_recipe.ToTemplate());

        var children = new List<ChildSession>();
        try
        {
            // The test holds the template's build lock until every session waits for it, so all of them contend for the
            // one build at once, however slowly each process starts; then the lock is theirs.
            using (var held = FileLock.TryAcquire(new StateDirectory(world.StateDirectory).NameLockPath(template)))
            {
                Assert.NotNull(held);
                for (var i = 0; i < Sessions; i++)
                {
                    children.Add(ChildSession.Start($"session {i}", world.ChildConfig(world.StateDirectory, [new ChildMachine("web", "ubuntu")],
                        hold: false, c => c with { Template = s_recipe })));
                }
                foreach (var child in children) await child.WaitForLineAsync($"waiting-for-template {template}", s_patience);
                Assert.DoesNotContain(world.Log, i => i.Command is "create" or "clone");
            }

            foreach (var child in children) Assert.Equal(0, await child.WaitForExitAsync(s_patience));

            var log = world.Log;
            Assert.Single(log, i => i.Command == "create" && i.Argv.Contains(template));
            var clones = children.Select(c => c.Names()["web"]).ToList();
            Assert.Equal(Sessions, clones.Distinct().Count());
            Assert.All(clones, clone => Assert.Single(log, i => i.Command == "clone" && i.Argv.SequenceEqual(["clone", template, clone])));
            Assert.All(children, c => Assert.Equal(["web"], c.ReadyMachines().Keys));
            Assert.Equal([template], (await world.ListAsync()).Select(m => m.Name)); // the clones were released, the template stays
        }
        finally
        {
            foreach (var child in children) await child.DisposeAsync();
        }
    }
}
