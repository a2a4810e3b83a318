using System.Diagnostics;
using System.Globalization;
using OrbFixtures.Diagnostics;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.Soak;

/// <summary>
/// Many machine lifecycles (ensure, run a command, release), several at once under the create gate, with a seeded 10 %
/// of their orbctl calls faulted (hung-after-create, transient failures, delays): every lifecycle must succeed, every
/// planned fault must have hit, and nothing may leak. The seed is announced before the soak starts (so a run that dies
/// can be replayed) and with the result; see <see cref="SoakSettings"/> for the replay and full-soak commands.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class SoakTests(ReliabilityTally tally, ITestOutputHelper output)
{
    private const int LifecyclesAtOnce = 6;

    [Fact]
    public async Task Seeded_faulted_lifecycles_all_succeed_and_leak_nothing()
    {
        var settings = SoakSettings.FromEnvironment();
        var plan = SoakPlan.Create(settings);
        Say($"soak: seed {settings.Seed}, {settings.Lifecycles} lifecycles, {plan.Faults.Count} faults planned " +
            $"over {plan.NominalCalls} nominal orbctl calls; replay: {settings.ReplayCommand}");
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = plan.Faults });
        var options = world.Options(world.NewStateDirectory("soak"));
        var clock = Stopwatch.StartNew();

        using var slots = new SemaphoreSlim(LifecyclesAtOnce);
        // A safety net, never reached when the soak works: the full soak may take minutes on a busy machine.
        var limit = TimeSpan.FromSeconds(Math.Max(Timing.ScenarioLimit.TotalSeconds, 10 * settings.Lifecycles));
        var failures = (await Task.WhenAll(plan.Lifecycles.Select(l => LifecycleAsync(options, l, slots))).WaitAsync(limit))
            .OfType<string>().ToList();

        var log = world.Sandbox.ReadLog().Where(i => i.Argv.Any(a => a.Contains("-soak-", StringComparison.Ordinal))).ToList();
        var faulted = log.Count(i => i.Fault is not null);
        var unseen = plan.Unseen(log);
        var unseenText = unseen.Count == 0 ? "" : "; planned faults not seen in the log: " + string.Join(", ", unseen);
        var check = await world.CheckAsync();
        tally.Leaked(check.Leaked);
        tally.ForeignTouched(check.ForeignTouched ? 1 : 0);
        Say(string.Create(CultureInfo.InvariantCulture,
            $"soak: seed {settings.Seed}: {settings.Lifecycles - failures.Count}/{settings.Lifecycles} lifecycles succeeded in " +
            $"{clock.Elapsed.TotalSeconds:0} s, {faulted}/{log.Count} orbctl calls faulted ({100.0 * faulted / Math.Max(1, log.Count):0.0} %), " +
            $"leaked {check.Leaked}{unseenText}"));

        Assert.True(failures.Count == 0, $"{failures.Count} lifecycle(s) failed (replay: {settings.ReplayCommand}):\n" + string.Join("\n\n", failures));
        // Every fault hit, give or take a few the log cannot show: the simulator spends a fault's budget when it picks the
        // fault, a moment before it logs the invocation, so an orbctl the provisioner kills in that moment (a watchdog
        // poll cut short because its create returned) spends a fault without a trace. Unplanned faults never happen.
        Assert.InRange(faulted, plan.Faults.Count - Math.Max(1, plan.Faults.Count / 10), plan.Faults.Count);
        Assert.True(check.Clean, check.Describe());
    }

    /// <summary>One lifecycle; returns why it failed (with the machine's history), or null.</summary>
    private static async Task<string?> LifecycleAsync(OrbFixturesOptions options, string logical, SemaphoreSlim slots)
    {
        await slots.WaitAsync();
        var provisioner = new MachineProvisioner(options);
        try
        {
            var machine = await provisioner.EnsureAsync(MachineSpec.Create(logical, "ubuntu"));
            var hostname = await machine.RunAsync("hostname");
            if (hostname.ExitCode != 0 || hostname.StandardOutput.Trim() != machine.Name)
                return $"{logical}: `hostname` in {machine.Name} said '{hostname.StandardOutput.Trim()}' (exit {hostname.ExitCode})";
            await provisioner.ReleaseAllAsync();
            return null;
        }
        catch (Exception e) when (e is MachineProvisioningException or OrbCtlException or AggregateException)
        {
            return $"{logical}: {e.Message}\n{string.Join("\n", provisioner.Logs.Select(l => EventText.Render(l)))}";
        }
        finally
        {
            await provisioner.DisposeAsync();
            slots.Release();
        }
    }

    private void Say(string line)
    {
        output.WriteLine(line);
        tally.Announce(line);
    }
}
