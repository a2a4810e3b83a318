using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

internal sealed partial class CreateOrAdopt
{
    private async Task<MachineInfo> CreateAsync(CancellationToken cancellationToken)
    {
        // The record goes first: if this process dies during create, the next run's reaper finds the machine.
        session.Ledger.Write(session.RecordFor(journal, id: null, LedgerState.Creating));
        IntentRecorded = true;
        journal.Note("ledger: recorded the intent to create (state creating) before running create");
        var maxAttempts = Math.Max(1, session.Options.Retry.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await CreateOnceAsync(attempt, maxAttempts, cancellationToken).ConfigureAwait(false);
            if (outcome.Adopted is { } adopted) return Ready(adopted, "watchdog");

            string retryReason;
            if (outcome.Error is not { } error)
            {
                journal.Note("create exited 0; checking readiness");
                var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
                if (result.Outcome == ReadinessOutcome.Ready) return Ready(result.Info!, "created");
                if (result.Outcome == ReadinessOutcome.NotReady) throw NotReady(result);
                retryReason = "the machine was gone right after create succeeded";
            }
            else if (error.Kind is OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.AlreadyExists or OrbCtlErrorKind.MalformedOutput)
            {
                // The outcome of the create is unknown, not failed: OrbStack keeps creating after its client died, and a
                // create that exited 0 but printed something unexpected may well have made the machine.
                journal.Progress(error.Kind switch
                {
                    OrbCtlErrorKind.TimedOut => $"create timed out after {AttemptHistory.FormatDuration(error.Timeout)}; reconciling from info",
                    OrbCtlErrorKind.AlreadyExists => "create said the machine already exists; reconciling from info",
                    _ => "create exited 0 but printed output OrbFixtures cannot read; reconciling from info",
                });
                var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
                if (result.Outcome == ReadinessOutcome.Ready) return Ready(result.Info!, "reconciled");
                if (result.Outcome == ReadinessOutcome.NotReady) throw NotReady(result);
                retryReason = error.Kind switch
                {
                    OrbCtlErrorKind.TimedOut => "the machine does not exist after the create timed out",
                    OrbCtlErrorKind.AlreadyExists => "the machine does not exist although create said it already exists",
                    _ => "the machine does not exist after create printed unreadable output",
                };
            }
            else if (error.Kind is OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning)
            {
                retryReason = $"create failed ({error.Kind}): {OrbctlText(error)}";
            }
            else
            {
                throw Failure(
                    $"orbctl create failed with an error that retrying cannot fix ({error.Kind}), so it was not retried. " +
                    $"orbctl said: {OrbctlText(error)}", error.Kind, error);
            }

            if (attempt >= maxAttempts)
                throw Failure($"gave up after {attempt} create attempt{(attempt == 1 ? "" : "s")}; the last: {retryReason}",
                    outcome.Error?.Kind ?? OrbCtlErrorKind.Transient, outcome.Error);
            var delay = CreateBackoff.After(attempt, session.Options.Retry, session.Random);
            journal.Progress($"{retryReason}; retrying create in {AttemptHistory.FormatDuration(delay)} (attempt {attempt + 1} of {maxAttempts})");
            await session.Time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one <c>create</c> inside the gate, with the watchdog beside it when enabled.</summary>
    private async Task<CreateAttempt> CreateOnceAsync(int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        var waitStarted = session.Time.GetTimestamp();
        using var slot = await session.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        journal.Note($"gate: create slot taken after {AttemptHistory.FormatDuration(session.Time.GetElapsedTime(waitStarted))} " +
                     $"({session.Gate.InUse} of {session.Gate.Limit} in use)");
        using var userData = UserDataFile.For(journal.Spec);
        var request = new CreateMachineRequest(journal.Name, journal.Spec.Distro, journal.Spec.Version, journal.Spec.Arch,
            journal.Spec.User, userData.Path);
        journal.CreateAttempts++;
        journal.Progress($"creating {journal.Spec.Image} (attempt {attempt} of {maxAttempts}" +
                         (userData.Path is null ? "" : ", with cloud-init user data") +
                         (session.Options.Watchdog ? $"; watchdog polls every {AttemptHistory.FormatDuration(session.Readiness.PollInterval)})" : "; watchdog off)"));

        using var createCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watchCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = session.Time.GetTimestamp();
        var create = session.Client.CreateAsync(request, journal.History, createCancel.Token);
        // The gate bounds running creates, so the slot goes back the moment this one has exited or been killed, not
        // after the watchdog has wound down (a poll in flight is an orbctl process that may take a while to die).
        _ = create.ContinueWith(static (_, s) => ((IDisposable)s!).Dispose(), slot, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var watch = session.Options.Watchdog ? session.Watchdog.WatchAsync(journal, watchCancel.Token) : null;
        try
        {
            if (watch is not null && await Task.WhenAny(create, watch).ConfigureAwait(false) == watch
                && watch.IsCompletedSuccessfully && !create.IsCompleted)
            {
                var after = session.Time.GetElapsedTime(started);
                createCancel.Cancel();
                await ObserveAsync(create).ConfigureAwait(false);
                journal.HangsAdopted++;
                journal.Progress($"create hung after the machine was made; watchdog adopted it after {AttemptHistory.FormatDuration(after)} " +
                                 "and killed the create");
                return new CreateAttempt(await watch.ConfigureAwait(false), null);
            }
            if (watch is not null)
            {
                watchCancel.Cancel();
                await ObserveAsync(watch).ConfigureAwait(false);
            }
            try
            {
                await create.ConfigureAwait(false);
                return new CreateAttempt(null, null);
            }
            catch (OrbCtlException e)
            {
                return new CreateAttempt(null, e);
            }
        }
        finally
        {
            // No path may leave an orbctl create or a watchdog running.
            if (!create.IsCompleted) createCancel.Cancel();
            if (watch is { IsCompleted: false }) watchCancel.Cancel();
            await ObserveAsync(create).ConfigureAwait(false);
            if (watch is not null) await ObserveAsync(watch).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a task whose result no longer matters (it was cancelled or superseded).</summary>
    private static async Task ObserveAsync(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (OrbCtlException) { }
    }
}
