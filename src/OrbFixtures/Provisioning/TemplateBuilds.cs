using System.Collections.Concurrent;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>A sealed, stopped template machine ready to be cloned.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Id">Its ULID.</param>
/// <param name="Resources">Its limits and isolation, which its clones inherit.</param>
internal sealed record TemplateSource(string Name, string Id, MachineResources Resources);

/// <summary>
/// Build once, share safely: the template machines of one session. A template is a shared machine
/// (<see cref="MachineKind.Template"/>) named by its recipe's keyed hash. Under its name lock (cross-process; the OS
/// drops it when a builder dies) a session either leases the ready template — sealed, stopped, the ULID its record
/// names — or, when there is none, deletes what a failed or dead builder left (only with proof it is that record's
/// machine) and builds it: create (<see cref="CreateOrAdopt"/>, so the watchdog and reconciliation apply), setup steps,
/// seal, stop, and only then the record says ready. Everyone else waits on the lock, bounded by the build's own bound.
/// A template is never deleted while another live session leases it; leases end with the session.
/// </summary>
internal sealed class TemplateBuilds(ProvisioningSession session, Func<MachineTemplate, string, string, MachineJournal> journalFor)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TemplateSource> _leased = new(StringComparer.Ordinal);

    /// <summary>The template machine <paramref name="template"/> gets.</summary>
    public string NameFor(MachineTemplate template) =>
        MachineNaming.ForTemplate(session.Options.NamePrefix, template.LogicalName, session.Hasher.Hash(template));

    /// <summary>A ready template machine for <paramref name="template"/>, leased by this session; events go to the
    /// log of <paramref name="requester"/> (the machine that will be cloned from it).</summary>
    /// <exception cref="MachineProvisioningException">It could not be built or is not ours.</exception>
    public async Task<TemplateSource> EnsureAsync(MachineTemplate template, MachineJournal requester, CancellationToken cancellationToken)
    {
        var name = NameFor(template);
        MachineNaming.Validate(name, template.LogicalName);
        var local = _perName.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_leased.TryGetValue(name, out var known))
            {
                requester.Record(at => new TemplateReused(at, name, known.Id));
                return known;
            }
            using var nameLock = await LockAsync(name, template, requester, cancellationToken).ConfigureAwait(false);
            var source = await LeaseOrBuildAsync(template, name, requester, cancellationToken).ConfigureAwait(false);
            _leased[name] = source;
            return source;
        }
        finally
        {
            local.Release();
        }
    }

    /// <summary>Ends this session's leases: each template is free once its last lease has ended, and its age counts from now.</summary>
    public void ReleaseLeases()
    {
        foreach (var (name, source) in _leased)
        {
            using (session.Ledger.Lock())
            {
                if (session.Ledger.Read(name) is { } record && record.Id == source.Id)
                {
                    var leases = Adoption.LiveLeases(record, session.Liveness).Where(l => l.SessionId != session.SessionId).ToList();
                    session.Ledger.Write(record with { Leases = leases, UpdatedAt = session.Time.GetUtcNow() });
                }
            }
            _leased.TryRemove(name, out _);
        }
    }

    /// <summary>How long a build may take: every create attempt and its reconciling, every setup step, the seal and the stop.</summary>
    private TimeSpan BuildBound(MachineTemplate template) =>
        session.NameLockTimeout + template.SetupSteps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Timeout)
        + session.Options.Timeouts[Operation.Run] * 2 + session.Options.Timeouts[Operation.Stop];

    private async Task<FileLock> LockAsync(string name, MachineTemplate template, MachineJournal requester, CancellationToken cancellationToken)
    {
        var path = session.State.NameLockPath(name);
        if (FileLock.TryAcquire(path) is { } free) return free;
        var bound = BuildBound(template);
        requester.Record(at => new WaitingForTemplate(at, name, bound));
        try
        {
            return await FileLock.AcquireAsync(path, bound, session.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            throw Fail(requester, $"template {name} was being built by another process for longer than a build may take " +
                $"({EventText.Duration(bound)}); that process is stuck, or its build is slower than its setup steps' timeouts allow", OrbCtlErrorKind.TimedOut);
        }
    }

    private async Task<TemplateSource> LeaseOrBuildAsync(MachineTemplate template, string name, MachineJournal requester, CancellationToken cancellationToken)
    {
        var record = session.Ledger.Read(name);
        var info = await session.Client.GetInfoAsync(name, requester.Log, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            // Deleted by hand, or a failed build cleaned up: the record proves nothing any more.
            if (record is { Kind: MachineKind.Template } stale && stale.World == session.World) session.Ledger.RemoveIfUnchanged(stale);
            return await BuildAsync(template, name, TemplateBuildReason.Missing, requester, cancellationToken).ConfigureAwait(false);
        }
        if (record is not { Kind: MachineKind.Template } || record.World != session.World)
            throw NotOurs(requester, name, record is null ? "it is not in the OrbFixtures ledger" : "its ledger record is not a template of this orbctl world");
        var proof = OwnershipProof.Check(info, record.Id, record.CreateStartedAt, record.Expected);
        if (!proof.IsProven) throw NotOurs(requester, name, proof.Reason);

        var sealedAndStopped = record.State == LedgerState.Reusable && info.State == MachineState.Stopped;
        var builtBefore = (record.CreateStartedAt ?? record.UpdatedAt) < session.StartedAt;
        var reason = !sealedAndStopped
            ? record.State == LedgerState.Reusable ? TemplateBuildReason.NotStopped : TemplateBuildReason.HalfBuilt
            : session.Options.Templates == TemplateMode.Rebuild && builtBefore ? TemplateBuildReason.Rebuild : (TemplateBuildReason?)null;
        var others = Adoption.LiveLeases(record, session.Liveness).Where(l => l.SessionId != session.SessionId).ToList();
        if (reason is null || (reason == TemplateBuildReason.Rebuild && others.Count > 0))
        {
            // Rebuilding one that live sessions clone from would pull it from under them: they keep it, this run too.
            if (reason is not null) requester.Record(at => new Note(at, $"template {name} is not rebuilt: {others.Count} other live session(s) lease it"));
            return Lease(record, info, template, requester);
        }
        if (others.Count > 0)
            throw Fail(requester, $"template {name} cannot be cloned ({TemplateReasonClause(reason.Value)}) and cannot be rebuilt while " +
                $"{others.Count} other live session(s) lease it; stop them, or delete it with `orbctl delete -f {name}`", OrbCtlErrorKind.Unknown);

        await session.Client.DeleteAsync(name, requester.Log, cancellationToken).ConfigureAwait(false);
        session.Ledger.RemoveIfUnchanged(record);
        requester.Record(at => new TemplateDiscarded(at, name, reason.Value));
        return await BuildAsync(template, name, reason.Value, requester, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds this session's lease. The clones' starting point is the recipe's resources: the name's hash proves
    /// the template machine was built from exactly this recipe.</summary>
    private TemplateSource Lease(LedgerRecord record, MachineInfo info, MachineTemplate template, MachineJournal requester)
    {
        using (session.Ledger.Lock())
        {
            var current = session.Ledger.Read(record.Name) ?? record;
            session.Ledger.Write(current with { Leases = Adoption.LeasesWith(current, session), UpdatedAt = session.Time.GetUtcNow() });
        }
        requester.Record(at => new TemplateReused(at, record.Name, info.Id));
        return new TemplateSource(record.Name, info.Id, template.Resources);
    }

    private async Task<TemplateSource> BuildAsync(MachineTemplate template, string name, TemplateBuildReason reason, MachineJournal requester,
        CancellationToken cancellationToken)
    {
        var journal = journalFor(template, name, session.Hasher.Hash(template));
        requester.Record(at => new TemplateBuildStarted(at, name, reason));
        journal.Record(at => new TemplateBuildStarted(at, name, reason));
        var started = session.Time.GetTimestamp();
        var flow = new CreateOrAdopt(session, journal);
        try
        {
            var info = await flow.RunAsync(cancellationToken).ConfigureAwait(false);
            var problem = await TemplateSteps.RunSetupAsync(session, journal, template.SetupSteps, cancellationToken).ConfigureAwait(false)
                ?? await TemplateSteps.SealAsync(session, journal, template.UserData is not null, cancellationToken).ConfigureAwait(false);
            if (problem is not null) throw BuildFailed(requester, journal, name, problem, null);
            await session.Client.StopAsync(name, journal.Log, cancellationToken).ConfigureAwait(false);
            using (session.Ledger.Lock()) session.Ledger.Write(session.RecordFor(journal, LedgerState.Reusable));
            var cost = session.Time.GetElapsedTime(started);
            requester.Record(at => new TemplateBuilt(at, name, info.Id, cost));
            journal.Record(at => new TemplateBuilt(at, name, info.Id, cost));
            return new TemplateSource(name, info.Id, template.Resources);
        }
        catch (Exception e)
        {
            // Never leave a half-built template to be cloned: delete it (with proof) on every path, then report.
            if (flow.IntentRecorded) await DiscardOwnAsync(journal).ConfigureAwait(false);
            if (e is MachineProvisioningException { Log: var log } built && log == requester.Log) throw;
            var summary = e switch
            {
                MachineProvisioningException p => p.Summary,
                OrbCtlException o => $"orbctl failed ({o.Kind}): {o.Message}",
                _ => null,
            };
            if (summary is null) throw;
            throw BuildFailed(requester, journal, name, summary, e);
        }
    }

    /// <summary>Deletes the template machine this build made, when <c>info</c> proves it is, and its record. Never throws:
    /// what cannot be removed now is a "creating" record of this session, which the next session or reaper removes.</summary>
    private async Task DiscardOwnAsync(MachineJournal journal)
    {
        try
        {
            var info = await session.Client.GetInfoAsync(journal.Name, journal.Log, CancellationToken.None).ConfigureAwait(false);
            if (info is not null && journal.Prove(info).IsProven)
            {
                await session.Client.DeleteAsync(journal.Name, journal.Log, CancellationToken.None).ConfigureAwait(false);
                journal.Record(at => new CleanedUp(at, journal.Name, CleanupOutcome.Deleted));
            }
            if (session.Ledger.Read(journal.Name) is { } record && record.Owner.SessionId == session.SessionId)
                session.Ledger.RemoveIfUnchanged(record);
        }
        catch (OrbCtlException e)
        {
            journal.Record(at => new CleanedUp(at, journal.Name, CleanupOutcome.Failed, $"orbctl failed: {e.Kind}"));
        }
    }

    private static MachineProvisioningException BuildFailed(MachineJournal requester, MachineJournal template, string name, string problem, Exception? inner)
    {
        template.Record(at => new ProvisioningFailed(at, problem, (inner as OrbCtlException)?.Kind));
        return Fail(requester, $"its template {name} could not be built: {problem}", (inner as OrbCtlException)?.Kind, inner);
    }

    private static MachineProvisioningException NotOurs(MachineJournal requester, string name, string reason) => Fail(requester,
        $"template machine '{name}' exists but is not a template OrbFixtures can prove it built: {reason}. It was left untouched; " +
        $"if it is a leftover you no longer need, delete it with `orbctl delete -f {name}`.", OrbCtlErrorKind.AlreadyExists);

    private static MachineProvisioningException Fail(MachineJournal requester, string summary, OrbCtlErrorKind? kind, Exception? inner = null)
    {
        requester.Record(at => new ProvisioningFailed(at, summary, kind));
        return new MachineProvisioningException(
            $"Could not provision machine '{requester.Spec.LogicalName}' ({requester.Name}) from {requester.Spec}: {summary}",
            requester.Spec, requester.Name, requester.Log, kind, inner);
    }

    private static string TemplateReasonClause(TemplateBuildReason reason) =>
        reason == TemplateBuildReason.NotStopped ? "it is no longer stopped" : "an earlier build did not finish";
}
