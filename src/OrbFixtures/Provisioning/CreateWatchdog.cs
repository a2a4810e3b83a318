using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Runs beside a <c>create</c>: polls <c>info</c> every poll interval and returns as soon as the machine is running
/// and passes the readiness probe. The caller then kills the create, which OrbStack may keep blocked long after the
/// machine was made, and adopts the machine: a hang costs one poll interval instead of the create timeout.
/// </summary>
internal sealed class CreateWatchdog(MachineReadiness readiness, TimeProvider time)
{
    public async Task<MachineInfo> WatchAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        string? lastState = null;
        while (true)
        {
            await time.DelayAsync(readiness.PollInterval, cancellationToken).ConfigureAwait(false);
            var (_, info) = await readiness.LookUpAsync(journal, lastState, cancellationToken).ConfigureAwait(false);
            lastState = info?.RawState ?? lastState;
            if (info is { State: MachineState.Running } && await readiness.ProbeAsync(journal, cancellationToken).ConfigureAwait(false))
                return info;
        }
    }
}
