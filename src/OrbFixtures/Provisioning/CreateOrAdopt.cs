using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Create-or-adopt for one machine (DESIGN.md): look the name up; adopt what is provably this session's (or a reusable
/// machine of this spec, taking a lease on it); refuse anything else untouched; otherwise record the intent in the
/// ledger and create, with a watchdog, reconciliation after a timeout or "already exists", backoff on transient errors
/// and an immediate stop on permanent ones. No machine is adopted, started or deleted without proof that it is ours
/// (<see cref="OwnershipProof"/>). Every step lands in the machine's history. A shared name's caller holds its name lock.
/// </summary>
internal sealed class CreateOrAdopt(ProvisioningSession session, MachineJournal journal)
{
    /// <summary>Whether this flow wrote a ledger record for the machine (so a failure must clean up after it).</summary>
    public bool IntentRecorded { get; private set; }

    public async Task<MachineInfo> RunAsync(CancellationToken cancellationToken)
    {
        journal.Note($"ensure {journal.Spec} as '{journal.Name}' (session {session.SessionId}, spec hash {journal.SpecHash})");
        MachineInfo? existing;
        try
        {
            existing = await session.Client.GetInfoAsync(journal.Name, journal.History, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            throw Failure($"orbctl could not look the machine up ({e.Kind}). orbctl said: {OrbctlText(e)}", e.Kind, e);
        }
        if (existing is not null && await AdoptExistingAsync(existing, cancellationToken).ConfigureAwait(false) is { } adopted)
            return adopted;
        if (existing is null) journal.Note("lookup: absent, so it will be created");
        return await CreateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adopts an existing machine that is provably ours, or returns <see langword="null"/> when it vanished
    /// and must be created.</summary>
    private async Task<MachineInfo?> AdoptExistingAsync(MachineInfo info, CancellationToken cancellationToken)
    {
        AdoptionVerdict verdict;
        using (session.Ledger.Lock())
        {
            verdict = Adoption.Decide(info, session.Ledger.Read(journal.Name), journal, session);
            if (verdict.Adopt)
            {
                // Proven: from here on the machine is known by this ULID. A reusable machine gets this session's lease
                // at once, so that no reaper collects it and the last lease decides when it is free.
                journal.MachineId = info.Id;
                session.Ledger.Write(verdict.Record! with
                {
                    Id = info.Id,
                    Leases = journal.Kind == MachineKind.Reusable ? Adoption.LeasesWith(verdict.Record, session) : verdict.Record.Leases,
                    UpdatedAt = session.Time.GetUtcNow(),
                });
            }
        }
        journal.Note($"lookup: exists (ULID {info.Id}, state {info.RawState}); {(verdict.Adopt ? "ours" : "not ours")}: {verdict.Reason}");
        if (!verdict.Adopt) throw ForeignFailure(verdict.Reason);

        IntentRecorded = true;
        var how = journal.Kind == MachineKind.Reusable ? "reused" : "adopted";
        journal.Progress($"{(how == "reused" ? "reusing" : "adopting")} the existing machine (state {info.RawState}); waiting until it is ready");
        var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken, justSeen: info)
            .ConfigureAwait(false);
        if (Settled(result, how) is { } ready) return ready;
        journal.Note("the machine disappeared while it was being adopted; creating it");
        journal.MachineId = null;
        return null;
    }

    private async Task<MachineInfo> CreateAsync(CancellationToken cancellationToken)
    {
        // The record goes first: if this process dies during create, the next run's reaper finds the machine.
        session.Ledger.Write(session.RecordFor(journal, LedgerState.Creating));
        IntentRecorded = true;
        journal.Note("ledger: recorded the intent to create (state creating) before running create");
        var maxAttempts = Math.Max(1, session.Options.Retry.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await CreateOnceAsync(attempt, maxAttempts, cancellationToken).ConfigureAwait(false);
            if (outcome.Adopted is { } adopted) return Ready(adopted, "watchdog");
            if (outcome.Foreign is { } foreign) throw ForeignFailure(foreign.ForeignReason!);

            string retryReason;
            if (outcome.Error is not { } error)
            {
                journal.Note("create exited 0; checking readiness");
                var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
                if (Settled(result, "created") is { } ready) return ready;
                retryReason = "the machine was gone right after create succeeded";
            }
            else if (error.Kind is OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.AlreadyExists or OrbCtlErrorKind.MalformedOutput)
            {
                // The outcome of the create is unknown, not failed: OrbStack keeps creating after its client died, and a
                // create that exited 0 but printed something unexpected may well have made the machine. Whatever holds
                // the name now is adopted only with proof that this create made it.
                journal.Progress(error.Kind switch
                {
                    OrbCtlErrorKind.TimedOut => $"create timed out after {AttemptHistory.FormatDuration(error.Timeout)}; reconciling from info",
                    OrbCtlErrorKind.AlreadyExists => "create said the machine already exists; reconciling from info",
                    _ => "create exited 0 but printed output OrbFixtures cannot read; reconciling from info",
                });
                var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
                if (Settled(result, "reconciled") is { } ready) return ready;
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

    /// <summary>The ready machine, or <see langword="null"/> when it is gone (retry); throws when it is foreign or did
    /// not become ready.</summary>
    private MachineInfo? Settled(ReadinessResult result, string how) => result.Outcome switch
    {
        ReadinessOutcome.Ready => Ready(result.Info!, how),
        ReadinessOutcome.Gone => null,
        ReadinessOutcome.Foreign => throw ForeignFailure(result.ForeignReason!),
        _ => throw NotReady(result),
    };

    /// <summary>Runs one <c>create</c> inside the gate, with the watchdog beside it when enabled.</summary>
    private async Task<CreateAttempt> CreateOnceAsync(int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        var waitStarted = session.Time.GetTimestamp();
        using var slot = await session.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        journal.Note($"gate: create slot taken after {AttemptHistory.FormatDuration(session.Time.GetElapsedTime(waitStarted))} " +
                     $"({session.Gate.InUse} of {session.Gate.Limit} in use)");
        if (journal.CreateStartedAt is null)
        {
            // A machine under this name whose ULID is older than this moment was not made by us: whatever anyone
            // created while we waited at the gate stays foreign. Recorded before the create runs, for the reaper too.
            journal.CreateStartedAt = session.Time.GetUtcNow();
            session.Ledger.Write(session.RecordFor(journal, LedgerState.Creating));
        }
        using var userData = UserDataFile.For(journal.Spec, () => session.State.SessionDirectory(session.Me));
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
        // The secret user-data file goes as soon as the machine appears: the create has read it by then.
        var watch = session.Options.Watchdog ? session.Watchdog.WatchAsync(journal, userData.Dispose, watchCancel.Token) : null;
        try
        {
            if (watch is not null && await Task.WhenAny(create, watch).ConfigureAwait(false) == watch
                && watch.IsCompletedSuccessfully && !create.IsCompleted)
            {
                var after = session.Time.GetElapsedTime(started);
                createCancel.Cancel();
                await ObserveAsync(create).ConfigureAwait(false);
                var seen = await watch.ConfigureAwait(false);
                if (seen.Outcome == ReadinessOutcome.Foreign)
                {
                    journal.Progress($"a machine that is not ours appeared under the name while create ran; killed the create after " +
                                     AttemptHistory.FormatDuration(after));
                    return new CreateAttempt(null, null, seen);
                }
                journal.HangsAdopted++;
                journal.Progress($"create hung after the machine was made; watchdog adopted it after {AttemptHistory.FormatDuration(after)} " +
                                 "and killed the create");
                return new CreateAttempt(seen.Info, null);
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

    private MachineInfo Ready(MachineInfo info, string how)
    {
        journal.MachineId = info.Id;
        journal.How = how;
        using (session.Ledger.Lock())
        {
            var state = journal.Kind == MachineKind.Reusable ? LedgerState.Reusable : LedgerState.Ready;
            var leases = journal.Kind == MachineKind.Reusable && session.Ledger.Read(journal.Name) is { } current && current.Id == info.Id
                ? Adoption.LeasesWith(current, session)
                : null;
            session.Ledger.Write(session.RecordFor(journal, state, leases));
        }
        journal.Progress($"ready after {AttemptHistory.FormatDuration(journal.Elapsed)} ({how}{(info.IPv4 is null ? "" : $", ip4 {info.IPv4}")})");
        return info;
    }

    private MachineProvisioningException NotReady(ReadinessResult result) => Failure(
        $"the machine exists but did not become ready within {AttemptHistory.FormatDuration(session.CreateTimeout)} " +
        $"(last state: {result.Info?.RawState ?? "unknown"}; ready means state running and the probe " +
        $"[{string.Join(' ', journal.Spec.ReadinessProbe)}] exiting 0)", OrbCtlErrorKind.TimedOut);

    private MachineProvisioningException ForeignFailure(string reason) => Failure(
        $"machine '{journal.Name}' already exists but does not belong to this session: {reason}. OrbFixtures never " +
        "adopts, starts, stops or deletes a machine it cannot prove it owns, so it was left untouched. If it is a leftover you " +
        $"no longer need, delete it with `orbctl delete -f {journal.Name}`; otherwise use another logical name or NamePrefix.",
        OrbCtlErrorKind.AlreadyExists);

    private MachineProvisioningException Failure(string summary, OrbCtlErrorKind? kind, Exception? inner = null)
    {
        journal.Note($"failed: {summary}");
        return new MachineProvisioningException(
            $"Could not provision machine '{journal.Spec.LogicalName}' ({journal.Name}) from {journal.Spec}: {summary}" +
            Environment.NewLine + journal.History.Render(),
            journal.Spec, journal.Name, journal.History, kind, inner);
    }

    private static string OrbctlText(OrbCtlException e) =>
        e.StandardError.Trim() is { Length: > 0 } stderr ? $"\"{stderr}\"" : e.Message;

    /// <summary>Waits for a task whose result no longer matters (it was cancelled or superseded).</summary>
    private static async Task ObserveAsync(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (OrbCtlException) { }
    }
}
