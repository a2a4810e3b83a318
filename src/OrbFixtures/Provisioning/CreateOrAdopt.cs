using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using Polly;
using Polly.Retry;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Create-or-adopt for one machine: look the name up; adopt what is provably this session's (or a reusable
/// machine of this spec, taking a lease on it); refuse anything else untouched; otherwise record the intent in the
/// ledger and create, with a watchdog, reconciliation after a timeout or "already exists", backoff on transient errors
/// and an immediate stop on permanent ones. No machine is adopted, started or deleted without proof that it is ours
/// (<see cref="OwnershipProof"/>). Every step is an event in the machine's log. A shared name's caller holds its name lock.
/// </summary>
/// <remarks>With a <see cref="TemplateSource"/>, an absent machine is cloned from that (sealed, stopped) template machine,
/// configured before its first start and started, instead of created; everything else is the same.</remarks>
internal sealed class CreateOrAdopt(ProvisioningSession session, MachineJournal journal, TemplateSource? template = null)
{
    /// <summary>Whether this flow wrote a ledger record for the machine (so a failure must clean up after it).</summary>
    public bool IntentRecorded { get; private set; }

    public async Task<MachineInfo> RunAsync(CancellationToken cancellationToken)
    {
        journal.Record(at => new ProvisioningStarted(at, journal.Spec.ToString(), session.SessionId, journal.SpecHash));
        MachineInfo? existing;
        try
        {
            existing = await session.Client.GetInfoAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            throw Failure($"orbctl could not look the machine up ({e.Kind}). orbctl said: {OrbctlText(e)}", e.Kind, e);
        }
        if (existing is not null && await AdoptExistingAsync(existing, cancellationToken).ConfigureAwait(false) is { } adopted)
            return adopted;
        if (existing is null) journal.Record(at => new LookedUp(at, null, null, null, null));
        return template is null
            ? await CreateAsync(cancellationToken).ConfigureAwait(false)
            : await CloneAsync(template, cancellationToken).ConfigureAwait(false);
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
        journal.Record(at => new LookedUp(at, info.Id, info.RawState, verdict.Adopt, verdict.Reason));
        if (!verdict.Adopt) throw ForeignFailure(verdict.Reason);

        IntentRecorded = true;
        var how = journal.Kind == MachineKind.Reusable ? ReadyVia.Reused : ReadyVia.Adopted;
        var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken, justSeen: info)
            .ConfigureAwait(false);
        if (Settled(result, how) is { } ready) return ready;
        journal.Record(at => new Note(at, "the machine disappeared while it was being adopted; creating it"));
        journal.MachineId = null;
        return null;
    }

    private async Task<MachineInfo> CreateAsync(CancellationToken cancellationToken)
    {
        // The record goes first: if this process dies during create, the next run's reaper finds the machine.
        session.Ledger.Write(session.RecordFor(journal, LedgerState.Creating));
        IntentRecorded = true;
        journal.Record(at => new IntentRecorded(at));
        var maxAttempts = Math.Max(1, session.Options.Retry.MaxAttempts);
        var attempt = 0;
        var step = await CreateSteps(maxAttempts).ExecuteAsync(
            async ct => await CreateStepAsync(++attempt, maxAttempts, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (step.Ready is { } ready) return ready;
        throw Failure($"gave up after {attempt} create attempt{(attempt == 1 ? "" : "s")}; the last: {EventText.RetryReasonText(step.Reason!.Value, step.Detail)}",
            step.Error?.Kind ?? OrbCtlErrorKind.Transient, step.Error);
    }

    /// <summary>Clones the template machine (a stopped copy-on-write copy), proves the clone ours by its creation time,
    /// sets what its spec changes over the template before its first start, starts it and waits until it is ready. The
    /// intent is recorded first, so a failure or a crash midway leaves a record by which the clone is deleted.</summary>
    private async Task<MachineInfo> CloneAsync(TemplateSource source, CancellationToken cancellationToken)
    {
        journal.CreateStartedAt = session.Time.GetUtcNow();
        journal.ClonedFrom = source.Name;
        session.Ledger.Write(session.RecordFor(journal, LedgerState.Creating));
        IntentRecorded = true;
        journal.Record(at => new IntentRecorded(at));
        var started = session.Time.GetTimestamp();
        using (await session.Gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await session.Client.CloneAsync(source.Name, journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
            }
            catch (OrbCtlException e)
            {
                throw Failure($"orbctl clone {source.Name} {journal.Name} failed ({e.Kind}). orbctl said: {OrbctlText(e)}", e.Kind, e);
            }
        }
        journal.Record(at => new Cloned(at, source.Name, source.Id, session.Time.GetElapsedTime(started)));
        var (_, info) = await session.Readiness.LookUpAsync(journal, null, cancellationToken).ConfigureAwait(false);
        if (info is null) throw Failure($"the clone of {source.Name} does not exist after orbctl clone succeeded", OrbCtlErrorKind.NotFound);
        if (journal.Prove(info) is { IsProven: false } refuted) throw ForeignFailure(refuted.Reason);
        try
        {
            // Limits take effect at a start, so they are set while the clone has never run.
            foreach (var setting in journal.Spec.Resources.SettingsOver(source.Resources))
            {
                await session.Client.SetMachineConfigAsync(journal.Name, setting, journal.Log, cancellationToken).ConfigureAwait(false);
                journal.Record(at => new MachineConfigured(at, setting.KeyText, setting.Value));
            }
            await session.Client.StartAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            throw Failure($"the clone of {source.Name} could not be configured and started ({e.Kind}). orbctl said: {OrbctlText(e)}", e.Kind, e);
        }
        var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
        return Settled(result, ReadyVia.Cloned)
            ?? throw Failure($"the clone of {source.Name} disappeared while it was starting", OrbCtlErrorKind.NotFound);
    }

    /// <summary>The create-then-reconcile steps of one machine run on the same retry engine and backoff as every other
    /// operation (<see cref="OperationPipelines.ApplyBackoff"/>): a step that ends with the machine still absent is
    /// retried; a ready machine ends them, and so does every error retrying cannot fix (thrown, never retried).</summary>
    private ResiliencePipeline<CreateStep> CreateSteps(int maxAttempts)
    {
        var builder = new ResiliencePipelineBuilder<CreateStep> { TimeProvider = session.Time };
        if (maxAttempts <= 1) return builder.Build();
        var options = new RetryStrategyOptions<CreateStep>
        {
            ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result is { Ready: null }),
            OnRetry = args =>
            {
                var last = args.Outcome.Result!;
                journal.Record(at => new RetryScheduled(at, Operation.Create, args.AttemptNumber + 2, maxAttempts, args.RetryDelay,
                    last.Reason!.Value, last.Detail));
                return default;
            },
        };
        OperationPipelines.ApplyBackoff(options, session.Options.Retry);
        return builder.AddRetry(options).Build();
    }

    /// <summary>One create, then reconciliation: the machine ready (adopted by the watchdog, created, or proven ours after
    /// an unknown outcome), or the reason it is still absent. Throws for what no retry can fix.</summary>
    private async Task<CreateStep> CreateStepAsync(int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        var outcome = await CreateOnceAsync(attempt, maxAttempts, cancellationToken).ConfigureAwait(false);
        if (outcome.Adopted is { } adopted) return CreateStep.Done(Ready(adopted, ReadyVia.Watchdog));
        if (outcome.Foreign is { } foreign) throw ForeignFailure(foreign.ForeignReason!);

        if (outcome.Error is not { } error)
        {
            journal.Record(at => new Reconciling(at, ReconcileReason.CreateSucceeded));
            var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
            if (Settled(result, ReadyVia.Created) is { } ready) return CreateStep.Done(ready);
            // The machine this create made (and that was proven ours) is gone, and no create of ours is still running:
            // the next create opens a new proof window, so that exactly its own product is adopted, and nothing older.
            journal.MachineId = null;
            journal.CreateStartedAt = null;
            return CreateStep.Absent(RetryReason.GoneAfterCreate);
        }
        if (RetryRules.IsUnknownCreateOutcome(error.Kind))
        {
            // Whatever holds the name now is adopted only with proof that this create made it.
            var (reconcile, absent) = error.Kind switch
            {
                OrbCtlErrorKind.TimedOut => (ReconcileReason.CreateTimedOut, RetryReason.AbsentAfterTimeout),
                OrbCtlErrorKind.AlreadyExists => (ReconcileReason.AlreadyExists, RetryReason.AbsentAfterAlreadyExists),
                _ => (ReconcileReason.UnreadableOutput, RetryReason.AbsentAfterUnreadableOutput),
            };
            journal.Record(at => new Reconciling(at, reconcile, error.Kind == OrbCtlErrorKind.TimedOut ? error.Timeout : null));
            var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken).ConfigureAwait(false);
            return Settled(result, ReadyVia.Reconciled) is { } ready ? CreateStep.Done(ready) : CreateStep.Absent(absent, error: error);
        }
        if (RetryRules.IsTransient(error.Kind))
            return CreateStep.Absent(RetryReason.TransientFailure, $"{error.Kind}: {OrbctlText(error)}", error);
        throw Failure(
            $"orbctl create failed with an error that retrying cannot fix ({error.Kind}), so it was not retried. " +
            $"orbctl said: {OrbctlText(error)}{HintOf(error)}", error.Kind, error);
    }

    /// <summary>The ready machine, or <see langword="null"/> when it is gone (retry); throws when it is foreign or did
    /// not become ready.</summary>
    private MachineInfo? Settled(ReadinessResult result, ReadyVia how) => result.Outcome switch
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
        journal.Record(at => new GateEntered(at, session.Time.GetElapsedTime(waitStarted), session.Gate.InUse, session.Gate.Limit));
        if (journal.CreateStartedAt is null)
        {
            // A machine under this name whose ULID is older than this moment was not made by us: whatever anyone
            // created while we waited at the gate stays foreign. Recorded before the create runs, for the reaper too.
            journal.CreateStartedAt = session.Time.GetUtcNow();
            session.Ledger.Write(session.RecordFor(journal, LedgerState.Creating));
        }
        using var userData = UserDataFile.For(journal.CreateSpec, () => session.State.SessionDirectory(session.Me));
        var stop = new CreateStop();
        var request = new CreateMachineRequest(journal.Name, journal.Spec.Distro, journal.Spec.Version, journal.Spec.Arch,
            journal.Spec.User, userData.Path)
        { Attempt = attempt, MaxAttempts = maxAttempts, Stop = stop, Resources = journal.Spec.Resources };
        journal.Record(at => new CreateStarted(at, journal.Spec.Image, attempt, maxAttempts, userData.Path is not null,
            session.Options.Watchdog ? session.Readiness.PollInterval : null));

        using var createCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watchCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = session.Time.GetTimestamp();
        var create = session.Client.CreateAsync(request, journal.Log, createCancel.Token);
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
                var seen = await watch.ConfigureAwait(false);
                var foreign = seen.Outcome == ReadinessOutcome.Foreign;
                stop.Reason = foreign ? AttemptDecision.KilledForForeignMachine : AttemptDecision.KilledByWatchdog;
                createCancel.Cancel();
                await ObserveAsync(create).ConfigureAwait(false);
                if (foreign)
                {
                    journal.Record(at => new ForeignMachineSeen(at, seen.ForeignReason!, after));
                    return new CreateAttempt(null, null, seen);
                }
                journal.Record(at => new HangAdopted(at, after));
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
            // Stryker disable once Equality,Boolean,Statement : equivalent: every path that gets here with a watch has cancelled it
            // (before it awaits the create) or seen it complete (the watchdog's branch), so this guard never finds it running.
            if (watch is { IsCompleted: false }) watchCancel.Cancel();
            await ObserveAsync(create).ConfigureAwait(false);
            if (watch is not null) await ObserveAsync(watch).ConfigureAwait(false);
        }
    }

    private MachineInfo Ready(MachineInfo info, ReadyVia how)
    {
        journal.MachineId = info.Id;
        using (session.Ledger.Lock())
        {
            // A template stays "creating" until it is set up, sealed and stopped (TemplateBuilds): never cloned from before.
            var state = journal.Kind switch
            {
                MachineKind.Reusable => LedgerState.Reusable,
                MachineKind.Template => LedgerState.Creating,
                _ => LedgerState.Ready,
            };
            var leases = journal.Kind == MachineKind.Reusable && session.Ledger.Read(journal.Name) is { } current && current.Id == info.Id
                ? Adoption.LeasesWith(current, session)
                : null;
            session.Ledger.Write(session.RecordFor(journal, state, leases));
        }
        journal.Record(at => new MachineReady(at, how, info.Id, journal.Elapsed, info.IPv4));
        return info;
    }

    private MachineProvisioningException NotReady(ReadinessResult result) => Failure(
        EventText.NotReady(session.CreateTimeout, result.Info?.RawState, result.GaveUp, result.LastLook), OrbCtlErrorKind.TimedOut);

    private MachineProvisioningException ForeignFailure(string reason) => Failure(
        $"machine '{journal.Name}' already exists but does not belong to this session: {reason}. OrbFixtures never " +
        "adopts, starts, stops or deletes a machine it cannot prove it owns, so it was left untouched. If it is a leftover you " +
        $"no longer need, delete it with `orbctl delete -f {journal.Name}`; otherwise use another logical name or NamePrefix.",
        OrbCtlErrorKind.AlreadyExists);

    private MachineProvisioningException Failure(string summary, OrbCtlErrorKind? kind, Exception? inner = null)
    {
        journal.Record(at => new ProvisioningFailed(at, summary, kind));
        return new MachineProvisioningException(
            $"Could not provision machine '{journal.Spec.LogicalName}' ({journal.Name}) from {journal.Spec}: {summary}",
            journal.Spec, journal.Name, journal.Log, kind, inner);
    }

    // The client adds a hint to a rejection of the image (the distros OrbFixtures knows); it belongs in this summary too.
    private static string HintOf(OrbCtlException e) => e.Hint is { } hint ? " " + hint : "";

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

/// <summary>How one create-then-reconcile step ended: the machine ready, or still absent and why.</summary>
internal sealed record CreateStep(MachineInfo? Ready, RetryReason? Reason, string? Detail, OrbCtlException? Error)
{
    public static CreateStep Done(MachineInfo ready) => new(ready, null, null, null);

    public static CreateStep Absent(RetryReason reason, string? detail = null, OrbCtlException? error = null) => new(null, reason, detail, error);
}
