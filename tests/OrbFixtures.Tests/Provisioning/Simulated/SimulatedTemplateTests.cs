using OrbFixtures.Diagnostics;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>Templates against the simulator with the real client: the build (create, setup step, seal, stop) once, the
/// clones stopped copies configured before their first start, and a later session that builds nothing.</summary>
[Collection(WallClockCollection.Name)]
public sealed class SimulatedTemplateTests
{
    private static readonly MachineTemplate s_base = MachineTemplate.Create("base", "ubuntu:24.04")
        .WithSetupStep(TimeSpan.FromSeconds(30), "mkdir", "-p", "/opt/app");

    [Fact]
    public async Task A_template_is_built_once_sealed_and_stopped_and_every_session_clones_it_with_its_own_limits()
    {
        using var world = new SimulatedWorld("""{ "durations": { "create": 100, "provisioning": 100 } }""", SimulatedTuning.Options);
        string template;
        await using (var first = world.Provisioner())
        {
            var web = await first.EnsureAsync(MachineSpec.FromTemplate(s_base, "web").WithCpus(1).WithMemory(512));
            template = first.MachineNameFor(s_base);

            Assert.Equal(ReadyVia.Cloned, web.Log.OfType<MachineReady>().Single().Via);
            Assert.Equal(0, (await web.RunAsync(["test", "-d", "/opt/app"])).ExitCode);
            // The limits set before the first start are the ones the clone booted with (its cgroup, as OrbStack enforces them).
            Assert.Equal("100000 100000", (await web.RunAsync(["cat", "/sys/fs/cgroup/cpu.max"])).StandardOutput.Trim());
            Assert.Equal((512L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await web.RunAsync(["cat", "/sys/fs/cgroup/memory.max"])).StandardOutput.Trim());
            Assert.Equal("stopped", (await world.FindAsync(template))!.State);
            Assert.Empty((await web.RunAsync(["cat", "/etc/machine-id"])).StandardOutput.Trim());
        }
        await using (var second = world.Provisioner())
        {
            var api = await second.EnsureAsync(MachineSpec.FromTemplate(s_base, "api"));
            Assert.Single(api.Log.OfType<TemplateReused>());
        }

        Assert.Single(world.Log, i => i.Command == "create");
        Assert.Equal(2, world.Log.Count(i => i.Command == "clone" && i.Argv[1] == template));
        Assert.Equal([template], (await world.ListAsync()).Select(m => m.Name));
    }
}
