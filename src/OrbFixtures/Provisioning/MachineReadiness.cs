using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Decides whether a machine is ready: state <c>running</c> (per <c>orbctl info</c>), then the spec's readiness probe
/// and wait strategies in order (<see cref="WaitProgress"/>). Waiting polls <c>info</c> every poll interval on the
/// injected clock, and before every look of a strategy, so that a machine that disappears between two looks ends the
/// wait at once. <see cref="WaitAsync"/> is the one entry point after every start of a machine (create, clone,
/// restart, adoption).
/// </summary>
internal sealed class MachineReadiness(IOrbCtlClient client, TimeProvider time, TimeSpan pollInterval, WaitDefaults? waitDefaults = null)
{
    private readonly WaitDefaults _waitDefaults = waitDefaults ?? new WaitDefaults(null, pollInterval);

    public TimeSpan PollInterval => pollInterval;

    /// <summary>Polls until the machine is ready, is gone, is provably not ours, or <paramref name="budget"/> has passed.
    /// Every machine seen is first checked with <see cref="MachineJournal.Prove"/>: one that is not ours ends the wait
    /// at once, untouched. A stopped machine that is ours is started once (someone may have stopped it); a start that
    /// fails permanently throws its <see cref="OrbCtlException"/>. <paramref name="justSeen"/> is an
    /// <c>info</c> answer the caller got a moment ago, used instead of a first lookup.</summary>
    public async Task<ReadinessResult> WaitAsync(MachineJournal journal, TimeSpan budget, CancellationToken cancellationToken,
        MachineInfo? justSeen = null)
    {
        var started = time.GetTimestamp();
        MachineInfo? last = null;
        var startRequested = false;
        using var waits = new WaitProgress(client, journal, time, _waitDefaults);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (known, info) = justSeen is not null
                ? (true, justSeen)
                : await LookUpAsync(journal, last?.RawState, cancellationToken).ConfigureAwait(false);
            justSeen = null;
            if (known && info is null) return new ReadinessResult(ReadinessOutcome.Gone, last);
            var delay = pollInterval;
            if (info is not null)
            {
                last = info;
                if (journal.Prove(info) is { IsProven: false } refuted) return new ReadinessResult(ReadinessOutcome.Foreign, info, refuted.Reason);
                if (info.State == MachineState.Running)
                {
                    var budgetLeft = budget - time.GetElapsedTime(started);
                    switch (await waits.LookAsync(info, budgetLeft, giveUp: true, cancellationToken).ConfigureAwait(false))
                    {
                        case WaitStep.Satisfied: return new ReadinessResult(ReadinessOutcome.Ready, info);
                        case WaitStep.GaveUp: return new ReadinessResult(ReadinessOutcome.NotReady, info) { GaveUp = waits.GaveUp, LastLook = waits.LastLook };
                    }
                    delay = waits.PollInterval;
                }
                if (info.State == MachineState.Stopped && !startRequested)
                {
                    startRequested = true;
                    await StartAsync(journal, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            if (time.GetElapsedTime(started) >= budget)
            {
                waits.BudgetSpent(budget);
                return new ReadinessResult(ReadinessOutcome.NotReady, last) { GaveUp = waits.GaveUp, LastLook = waits.LastLook };
            }
            await time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One <c>info</c> lookup. <c>known</c> is false when orbctl could not answer (the error is noted);
    /// otherwise <c>info</c> is <see langword="null"/> exactly when the machine does not exist.</summary>
    public async Task<(bool Known, MachineInfo? Info)> LookUpAsync(MachineJournal journal, string? previousState, CancellationToken cancellationToken)
    {
        try
        {
            var info = await client.GetInfoAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
            if (info is null || info.RawState != previousState) journal.Record(at => new StateObserved(at, info?.RawState, info?.IPv4));
            return (true, info);
        }
        catch (OrbCtlException e)
        {
            journal.Record(at => new StateObserved(at, null, Unknown: e.Kind));
            return (false, null);
        }
    }

    /// <summary>Looks once with each of the spec's strategies, in order, while they pass (the create watchdog's check:
    /// it never gives up, it only adopts a machine that is ready); true when all passed.</summary>
    public async Task<bool> CheckOnceAsync(MachineJournal journal, MachineInfo info, TimeSpan lookBudget, CancellationToken cancellationToken)
    {
        using var waits = new WaitProgress(client, journal, time, _waitDefaults);
        return await waits.LookAsync(info, lookBudget, giveUp: false, cancellationToken).ConfigureAwait(false) == WaitStep.Satisfied;
    }

    private async Task StartAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        journal.Record(at => new StartingStoppedMachine(at));
        try
        {
            await client.StartAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e) when (!IsPermanent(e.Kind))
        {
            journal.Record(at => new StartingStoppedMachine(at, e.Kind));
        }
    }

    // A start that failed in a way no retry or wait can fix ends the wait at once with orbctl's text, instead of
    // polling a stopped machine until the budget (the create timeout, minutes by default) is spent.
    private static bool IsPermanent(OrbCtlErrorKind kind) =>
        kind is OrbCtlErrorKind.Unknown or OrbCtlErrorKind.InvalidArgument or OrbCtlErrorKind.ImageNotFound or OrbCtlErrorKind.AlreadyExists;
}
