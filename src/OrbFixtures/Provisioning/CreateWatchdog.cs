using OrbFixtures.Validation;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Runs beside a <c>create</c>: polls <c>info</c> every poll interval and returns as soon as the machine is provably
/// the product of this create (<see cref="MachineJournal.Prove"/>), running, and passes the readiness probe and wait strategies (one look each). The caller
/// then kills the create, which OrbStack may keep blocked long after the machine was made, and adopts the machine: a
/// hang costs one poll interval instead of the create timeout. A machine under the name that is not ours (made by hand
/// while our create waited) ends the watch at once with <see cref="ReadinessOutcome.Foreign"/>, untouched.
/// </summary>
internal sealed class CreateWatchdog(MachineReadiness readiness, TimeProvider time)
{
    /// <param name="journal">The machine's journal.</param>
    /// <param name="machineSeen">Called once, when <c>info</c> first shows a machine under the name: by then the
    /// <c>create</c> has read its input files.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    public async Task<ReadinessResult> WatchAsync(MachineJournal journal, Action machineSeen, CancellationToken cancellationToken)
    {
        string? lastState = null;
        var seen = false;
        // for (; ; ) rather than while (true): a mutation tool turns the latter into while (false), which cannot compile
        // here (the method would end without a result), and then it leaves every mutant of this method untested.
        for (; ; )
        {
            await time.DelayAsync(readiness.PollInterval, cancellationToken).ConfigureAwait(false);
            var (_, info) = await readiness.LookUpAsync(journal, lastState, cancellationToken).ConfigureAwait(false);
            lastState = info?.RawState ?? lastState;
            if (info is null) continue;
            if (!seen)
            {
                seen = true;
                machineSeen();
            }
            if (journal.Prove(info) is { IsProven: false } refuted) return new ReadinessResult(ReadinessOutcome.Foreign, info, refuted.Reason);
            if (info.State == MachineState.Running && await readiness.CheckOnceAsync(journal, info, OptionRanges.AttemptTimeout.Max, cancellationToken).ConfigureAwait(false))
                return new ReadinessResult(ReadinessOutcome.Ready, info);
        }
    }
}
