using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>Runs the whole provisioning path a few times before anything is measured (JIT, the simulator's first
/// start, disk caches), and checks that the simulator works at all.</summary>
internal static class Warmup
{
    public static async Task RunAsync()
    {
        using var world = new SimulatedWorld(Scenario.Instant(), BenchmarkTuning.Options);
        for (var i = 0; i < 2; i++)
        {
            await using var provisioner = new MachineProvisioner(world.Options());
            var machine = await provisioner.EnsureAsync(MachineSpec.Create("warmup", "ubuntu"));
            await machine.RunAsync("true");
        }
    }
}
