using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>Runs a cell's lifecycle in its world, through the public provisioning API, and records what happened.</summary>
internal static class CellLifecycle
{
    public static async Task RunAsync(SimulatedWorld world, CellRun run)
    {
        var cell = run.Cell;
        // Each cell has its own ledger, so "the next run's reaper" of one cell cannot see another cell's records, and a
        // create gate wide enough that cells of a row never wait for each other.
        var options = world.Options(world.NewStateDirectory(cell.Logical)) with { MaxParallelCreates = 8, Watchdog = cell.Watchdog };
        var spec = MachineSpec.Create(cell.Logical, "ubuntu:24.04");
        switch (cell.Lifecycle)
        {
            case Lifecycle.Provision:
                await ProvisionAsync(options, spec, run);
                break;
            case Lifecycle.StopThenAdopt:
                await StopThenAdoptAsync(options, spec, run);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(run), cell.Lifecycle, "Unknown lifecycle.");
        }
    }

    private static async Task ProvisionAsync(OrbFixturesOptions options, MachineSpec spec, CellRun run)
    {
        var provisioner = new MachineProvisioner(options);
        run.MachineName = provisioner.MachineNameFor(spec);
        await EnsureAndReleaseAsync(provisioner, spec, run);
        if (run.TeardownError is not null) await ReapAsNextRunAsync(options, run);
    }

    private static async Task StopThenAdoptAsync(OrbFixturesOptions options, MachineSpec spec, CellRun run)
    {
        var first = new MachineProvisioner(options with { Cleanup = CleanupPolicy.Stop });
        run.MachineName = first.MachineNameFor(spec);
        await EnsureAndReleaseAsync(first, spec, run);
        // The same session later asks for the same machine: it is ours and stopped (or still running when the stop failed).
        var second = new MachineProvisioner(options, new ProvisionerServices(SessionId: first.SessionId));
        await EnsureAndReleaseAsync(second, spec, run);
    }

    private static async Task EnsureAndReleaseAsync(MachineProvisioner provisioner, MachineSpec spec, CellRun run)
    {
        run.Track(provisioner);
        try
        {
            run.Ready.Add(await provisioner.EnsureAsync(spec));
        }
        catch (Exception e) when (e is MachineProvisioningException or OrbCtlException)
        {
            run.ProvisioningError ??= e;
        }
        try
        {
            await provisioner.ReleaseAllAsync();
        }
        catch (AggregateException e)
        {
            run.TeardownError ??= e;
        }
        await provisioner.DisposeAsync();
    }

    /// <summary>The next test run starts: its reaper sees this process as gone and removes what the ledger still holds.</summary>
    private static async Task ReapAsNextRunAsync(OrbFixturesOptions options, CellRun run)
    {
        await using var next = new MachineProvisioner(options, new ProvisionerServices(Liveness: new NextRunLiveness()));
        run.Track(next.SessionLog);
        run.Reaped = await next.ReapAsync();
    }
}
