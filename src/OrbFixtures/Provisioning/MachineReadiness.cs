using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Decides whether a machine is ready: state <c>running</c> (per <c>orbctl info</c>) and the spec's readiness probe
/// (<c>orbctl run -m NAME PROBE...</c>) exits 0. Waiting polls <c>info</c> every poll interval on the injected clock.
/// </summary>
internal sealed class MachineReadiness(IOrbCtlClient client, TimeProvider time, TimeSpan pollInterval)
{
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
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (known, info) = justSeen is not null
                ? (true, justSeen)
                : await LookUpAsync(journal, last?.RawState, cancellationToken).ConfigureAwait(false);
            justSeen = null;
            if (known && info is null) return new ReadinessResult(ReadinessOutcome.Gone, last);
            if (info is not null)
            {
                last = info;
                if (journal.Prove(info) is { IsProven: false } refuted) return new ReadinessResult(ReadinessOutcome.Foreign, info, refuted.Reason);
                if (info.State == MachineState.Running && await ProbeAsync(journal, cancellationToken).ConfigureAwait(false))
                    return new ReadinessResult(ReadinessOutcome.Ready, info);
                if (info.State == MachineState.Stopped && !startRequested)
                {
                    startRequested = true;
                    await StartAsync(journal, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            if (time.GetElapsedTime(started) >= budget) return new ReadinessResult(ReadinessOutcome.NotReady, last);
            await time.DelayAsync(pollInterval, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Runs the readiness probe once; true when it exits 0.</summary>
    public async Task<bool> ProbeAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        var probe = journal.Spec.ReadinessProbe;
        var secrets = journal.Spec.Redactor;
        var shown = secrets.Argv(probe);
        try
        {
            var request = new RunCommandRequest(journal.Name, [.. probe]) { Secrets = journal.Spec.Secrets };
            var result = await client.RunAsync(request, journal.Log, cancellationToken).ConfigureAwait(false);
            var stderr = result.ExitCode == 0 ? "" : Tail(secrets.Text(result.StandardError).Trim());
            journal.Record(at => new ProbeFinished(at, shown, result.ExitCode, stderr));
            return result.ExitCode == 0;
        }
        catch (OrbCtlException e)
        {
            journal.Record(at => new ProbeFinished(at, shown, null, Error: e.Kind));
            return false;
        }
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

    private static string Tail(string text) => text.Length <= 300 ? text : "..." + text[^300..];
}
