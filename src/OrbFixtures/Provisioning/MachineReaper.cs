using System.Collections.Concurrent;
using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Removes what dead sessions left behind, and nothing else. For each record of this <c>orbctl</c> world:
/// <list type="bullet">
/// <item>a session's record whose owner is known to be dead (same host and PID namespace, process gone) is claimed
/// under the ledger lock (compare-and-claim); <c>orbctl</c> runs outside the lock; the machine is deleted only with
/// proof that it is the one the record describes (<see cref="OwnershipProof"/>), and the record removed only if it
/// still equals the claim. A record of a create with no machine yet stays until the create timeout has passed since
/// the create began, since the dead session's <c>orbctl create</c> may still make the machine;</item>
/// <item>a reusable machine loses the leases of dead sessions, and is deleted (with proof) only when no lease is left
/// and it has been unused for longer than <see cref="OrbFixturesOptions.ReuseRetention"/>; a name that a session is
/// provisioning right now (its name lock is held) is skipped;</item>
/// <item>a template machine is collected like a reusable one, after <see cref="OrbFixturesOptions.TemplateMaxAge"/>, or as
/// soon as no lease holds it when a newer build of the same logical name (a changed recipe) supersedes it; one that its
/// builder left half-built ("creating") goes when that builder is dead;</item>
/// <item>kept records, records of live sessions or of sessions elsewhere (another host or PID namespace), records of
/// other worlds, and files that are not valid records are left alone; the last are reported by name.</item>
/// </list>
/// The private folders of sessions that have no record of a session that may be alive are removed (secret files of
/// crashed sessions). The sweep has an overall deadline (<see cref="Deadline"/>) and honours cancellation: what it does
/// not reach is left for the next run.
/// A dry run (<see cref="ReapMode.DryRun"/>) walks the same decisions with the same reads (<c>orbctl info</c>, the
/// ownership proof) but claims, deletes and removes nothing, recording what it would do instead; with
/// <see cref="ReapMode.ReportLeftAlone"/> every record the sweep does not act on is reported with the reason (the
/// <c>orbfixtures reap</c> command shows both; a test run's sweep records neither).
/// </summary>
internal sealed class MachineReaper(ProvisioningSession session, MachineLog log, ReapMode mode = default)
{
    /// <summary>How long one sweep may take: provisioning never waits longer for it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Once per process and ledger: the first EnsureAsync of a process pays for the sweep, later ones do not.
    private static readonly ConcurrentDictionary<string, Lazy<Task<int>>> s_ranFor = new(StringComparer.Ordinal);

    /// <summary>Everything the reaper ran and decided.</summary>
    public MachineLog Log => log;

    /// <summary>Reaps once per process for this ledger and world; later calls wait for (and share) the first sweep. A
    /// sweep that failed is forgotten, so the next provisioning sweeps again.</summary>
    public Task<int> ReapOnceAsync()
    {
        // Stryker disable once String : equivalent: without the separator no two keys collide either, since a ledger folder
        // ends in "ledger" and a world begins with "orbctl=".
        var key = session.Ledger.Directory + "\u001f" + session.World;
        return s_ranFor.GetOrAdd(key, _ => new Lazy<Task<int>>(() => SweepOrForgetAsync(key))).Value;
    }

    private async Task<int> SweepOrForgetAsync(string key)
    {
        try
        {
            return await ReapAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            s_ranFor.TryRemove(key, out _);
            throw;
        }
    }

    public async Task<int> ReapAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(Deadline, session.Time);
        using var sweep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var scan = session.Ledger.Scan();
        if (mode.TemplatesOnly)
        {
            // A sweep of templates (orbfixtures templates prune) reports only template files, and leaves the other
            // records and the session folders to a full sweep.
            scan = new LedgerScan([.. scan.Records.Where(r => r.Kind == MachineKind.Template)],
                [.. scan.Problems.Where(p => p.MachineName is { } name && MachineNaming.IsTemplateName(session.Options.NamePrefix, name))]);
            foreach (var problem in scan.Problems) Report(problem);
        }
        else
        {
            var sessionFolders = session.State.SessionsWithDirectories();
            foreach (var problem in scan.Problems) Report(problem);
            RemoveFoldersOfDeadSessions(sessionFolders);
        }

        var reaped = 0;
        var otherWorlds = 0;
        var left = 0;
        foreach (var record in scan.Records)
        {
            if (sweep.IsCancellationRequested)
            {
                left++;
                continue;
            }
            if (record.World != session.World)
            {
                otherWorlds++;
                continue;
            }
            try
            {
                if (await ReapRecordAsync(record, scan.Records, sweep.Token).ConfigureAwait(false)) reaped++;
            }
            catch (OperationCanceledException) when (sweep.IsCancellationRequested)
            {
                left++;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (left > 0) Record(null, ReaperActionKind.DeadlineReached, EventText.Duration(Deadline), left);
        if (otherWorlds > 0) Record(null, ReaperActionKind.OtherWorldsLeftAlone, count: otherWorlds);
        Record(null, mode.DryRun ? ReaperActionKind.DryRunFinished : ReaperActionKind.SweepFinished, count: reaped);
        return reaped;
    }

    private async Task<bool> ReapRecordAsync(LedgerRecord record, IReadOnlyList<LedgerRecord> all, CancellationToken cancellationToken)
    {
        if (record.State == LedgerState.Kept)
        {
            LeftAlone(record.Name, ReaperActionKind.LeftAloneKept);
            return false;
        }
        if (record.Kind == MachineKind.Session)
        {
            return OwnerIsDead(record)
                && await ReapClaimedAsync(record, $"{record.Owner} is gone", cancellationToken).ConfigureAwait(false);
        }

        return await ReapSharedAsync(record, all, collectBecause: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Collects one template now, whatever its age (<c>orbfixtures templates rebuild</c>: the next session that
    /// needs it builds it again), with the safety of a sweep: never while a session provisions the name or a live
    /// session leases it, never while its builder may still be building it, and its machine deleted only with proof.
    /// Each decision is a <see cref="ReaperAction"/> of <see cref="Log"/>.</summary>
    /// <returns>Whether the template's machine was deleted (or, on a dry run, would be).</returns>
    public Task<bool> CollectTemplateAsync(LedgerRecord record, string why, CancellationToken cancellationToken) =>
        ReapSharedAsync(record, [record], why, cancellationToken);

    /// <summary>A shared name (reusable machine or template): collected when free and unused for its retention, or
    /// superseded, or, with <paramref name="collectBecause"/>, as soon as it is free.</summary>
    private async Task<bool> ReapSharedAsync(LedgerRecord record, IReadOnlyList<LedgerRecord> all, string? collectBecause,
        CancellationToken cancellationToken)
    {
        // A shared name: skip it while a session provisions it (that session holds the name lock), and hold the lock
        // while acting, so that no session adopts the machine in the middle.
        using var nameLock = FileLock.TryAcquire(session.State.NameLockPath(record.Name));
        if (nameLock is null)
        {
            Record(record.Name, ReaperActionKind.BeingProvisioned);
            return false;
        }
        var current = session.Ledger.Read(record.Name);
        if (current is null || current.Revision != record.Revision)
        {
            LeftAlone(record.Name, ReaperActionKind.RecordChanged); // changed since the scan: the next run decides
            return false;
        }
        var live = Adoption.LiveLeases(current, session.Liveness).ToList();
        if (live.Count != current.Leases.Count)
        {
            if (mode.DryRun)
            {
                Record(record.Name, ReaperActionKind.WouldPruneLeases, count: live.Count);
            }
            else
            {
                current = session.Ledger.UpdateIfUnchanged(current, r => r with { Leases = live });
                if (current is null) return false;
                Record(record.Name, ReaperActionKind.LeasesPruned, count: live.Count);
            }
        }
        if (live.Count > 0)
        {
            LeftAlone(record.Name, ReaperActionKind.LeftAloneLeased, count: live.Count);
            return false;
        }
        if (current.State == LedgerState.Creating)
        {
            return OwnerIsDead(current)
                && await ReapClaimedAsync(current, $"{current.Owner} died while creating it", cancellationToken).ConfigureAwait(false);
        }
        if (collectBecause is not null) return await ReapClaimedAsync(current, collectBecause, cancellationToken).ConfigureAwait(false);
        var unused = session.Time.GetUtcNow() - current.UpdatedAt;
        var retention = current.Kind == MachineKind.Template ? mode.TemplateMaxAge ?? session.Options.TemplateMaxAge : session.Options.ReuseRetention;
        if (current.Kind == MachineKind.Template && SupersededBy(current, all) is { } newer)
            return await ReapClaimedAsync(current, $"template {newer} (a newer build of its recipe) supersedes it", cancellationToken).ConfigureAwait(false);
        if (unused < retention)
        {
            LeftAlone(record.Name, ReaperActionKind.LeftAloneWithinRetention,
                $"unused for {EventText.Duration(unused)}, retention {EventText.Duration(retention)}");
            return false;
        }
        return await ReapClaimedAsync(current,
            $"no session has used it for {EventText.Duration(unused)} (retention {EventText.Duration(retention)})",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name of a ready template of the same prefix and logical name, built after <paramref name="template"/>
    /// (its recipe changed), or <see langword="null"/>. Only the hash part of the names differs.</summary>
    private string? SupersededBy(LedgerRecord template, IReadOnlyList<LedgerRecord> all)
    {
        var stem = template.Name[..^(Ownership.SpecHasher.NameLength + 1)];
        var builtAt = template.CreateStartedAt ?? template.UpdatedAt;
        return all.FirstOrDefault(r => r.Kind == MachineKind.Template && r.World == session.World && r.Name != template.Name
            && r.State == LedgerState.Reusable && r.Name.Length == template.Name.Length
            && r.Name.StartsWith(stem, StringComparison.Ordinal) && (r.CreateStartedAt ?? r.UpdatedAt) > builtAt)?.Name;
    }

    /// <summary>Claims <paramref name="record"/>, then deletes its machine when it is provably the record's, and removes
    /// the record when it is still the claimed one. A dry run makes the same reads and the same decisions, and records
    /// what it would do instead of claiming, deleting or removing anything.</summary>
    private async Task<bool> ReapClaimedAsync(LedgerRecord record, string why, CancellationToken cancellationToken)
    {
        var dryRun = mode.DryRun;
        var claimed = dryRun ? record : session.Ledger.UpdateIfUnchanged(record, r => r with { Claim = new ReaperClaim(session.Me, session.Time.GetUtcNow()) });
        if (claimed is null)
        {
            Record(record.Name, ReaperActionKind.RecordChanged);
            return false;
        }
        try
        {
            var info = await session.Client.GetInfoAsync(record.Name, log, cancellationToken).ConfigureAwait(false);
            var createAge = session.Time.GetUtcNow() - (record.CreateStartedAt ?? record.UpdatedAt);
            if (info is null)
            {
                // A dead session's orbctl create can outlive it and still make the machine. Until a create could have
                // run its course, the record stays, so that a later run reaps that machine instead of leaking it.
                if (record.State == LedgerState.Creating && createAge < session.CreateTimeout)
                {
                    Record(record.Name, ReaperActionKind.RecordKeptCreateMayRun,
                        $"{why}; there is no machine yet, but its create began {EventText.Duration(createAge)} ago and may still make " +
                        $"one; a run after the create timeout ({EventText.Duration(session.CreateTimeout)}) removes it");
                    Unclaim(claimed);
                    return false;
                }
                if (dryRun)
                {
                    Record(record.Name, ReaperActionKind.WouldRemoveRecord, $"{why}; the machine no longer exists");
                    return false;
                }
                Record(record.Name, ReaperActionKind.RecordRemoved, why);
                session.Ledger.RemoveIfUnchanged(claimed);
                return false;
            }
            var proof = OwnershipProof.Check(info, record.Id, record.CreateStartedAt, record.Expected);
            if (!proof.IsProven)
            {
                // The machine under the name is not the record's: it is never touched. The record itself proves nothing
                // once its create can no longer make a machine.
                var stale = record.Id is not null || record.CreateStartedAt is null || createAge >= session.CreateTimeout;
                if (stale && dryRun)
                {
                    Record(record.Name, ReaperActionKind.WouldRemoveRecord,
                        $"{why}; the machine under the name is not the record's and is left alone: {proof.Reason}");
                    return false;
                }
                Record(record.Name, stale ? ReaperActionKind.NotOursRecordRemoved : ReaperActionKind.NotOursRecordKept, $"{proof.Reason} ({why})");
                if (stale) session.Ledger.RemoveIfUnchanged(claimed);
                else Unclaim(claimed);
                return false;
            }
            if (dryRun)
            {
                Record(record.Name, ReaperActionKind.WouldDelete, $"{why}; {proof.Reason}");
                return true;
            }
            if (session.Ledger.Read(record.Name)?.Revision != claimed.Revision)
            {
                Record(record.Name, ReaperActionKind.RecordChanged);
                return false;
            }
            await session.Client.DeleteAsync(record.Name, log, cancellationToken).ConfigureAwait(false);
            session.Ledger.RemoveIfUnchanged(claimed);
            Record(record.Name, ReaperActionKind.Deleted, $"{why}; {proof.Reason}");
            return true;
        }
        catch (OrbCtlException e)
        {
            Record(record.Name, ReaperActionKind.CouldNotReap, $"{why}; orbctl failed: {e.Kind}");
            Unclaim(claimed);
            return false;
        }
        catch (OperationCanceledException)
        {
            Unclaim(claimed);
            throw;
        }
    }

    /// <summary>Whether the record's owner is known to be dead; a live owner or one elsewhere is reported when asked.</summary>
    private bool OwnerIsDead(LedgerRecord record)
    {
        var status = session.Liveness.Judge(record.Owner);
        if (status == OwnerStatus.Alive) LeftAlone(record.Name, ReaperActionKind.LeftAloneOwnerAlive, record.Owner.ToString());
        if (status == OwnerStatus.Elsewhere) LeftAlone(record.Name, ReaperActionKind.LeftAloneOwnerElsewhere, record.Owner.ToString());
        return status == OwnerStatus.Dead;
    }

    private void LeftAlone(string machine, ReaperActionKind why, string? detail = null, int count = 0)
    {
        if (mode.ReportLeftAlone) Record(machine, why, detail, count);
    }

    private void Unclaim(LedgerRecord claimed)
    {
        if (!mode.DryRun) session.Ledger.UpdateIfUnchanged(claimed, r => r with { Claim = null });
    }

    private void Report(LedgerProblem problem)
    {
        var machine = problem.MachineName is { } name
            ? $" Its machine {name}, if there is one, is left alone: check it with `orbctl info {name}`, delete it with " +
              $"`orbctl delete -f {name}` if it is a leftover, then remove the file."
            : " Remove the file if it is not yours.";
        Record(problem.MachineName, ReaperActionKind.UnreadableRecord,
            $"'{Path.Combine(session.Ledger.Directory, problem.File)}': {problem.Reason}.{machine}");
    }

    private void RemoveFoldersOfDeadSessions(IReadOnlyList<string> folders)
    {
        foreach (var folder in folders.Where(f => f != session.SessionId))
        {
            var owner = session.State.SessionFolderOwner(folder);
            if (owner is not null && session.Liveness.Judge(owner) != OwnerStatus.Dead) continue;
            if (owner is null && !session.State.SessionFolderIsStale(folder)) continue; // being made right now
            if (mode.DryRun)
            {
                Record(folder, ReaperActionKind.WouldRemoveSessionFolder);
                continue;
            }
            try
            {
                session.State.RemoveSessionDirectory(folder);
                Record(folder, ReaperActionKind.SessionFolderRemoved);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Record(folder, ReaperActionKind.SessionFolderNotRemoved, e.Message);
            }
        }
    }

    private void Record(string? machine, ReaperActionKind action, string? detail = null, int count = 0) =>
        log.Append(new ReaperAction(session.Time.GetUtcNow(), machine, action, detail, count));
}

/// <summary>How a sweep runs.</summary>
/// <param name="DryRun">Decide everything, change nothing: no claim, no <c>orbctl delete</c>, no record removed.</param>
/// <param name="ReportLeftAlone">Record each record the sweep does not act on, and why.</param>
/// <param name="TemplatesOnly">Sweep only template records (and report only template files that are not valid records);
/// session folders are left to a full sweep.</param>
/// <param name="TemplateMaxAge">How long an unused template is kept, instead of <see cref="OrbFixturesOptions.TemplateMaxAge"/>.</param>
internal readonly record struct ReapMode(bool DryRun, bool ReportLeftAlone, bool TemplatesOnly = false, TimeSpan? TemplateMaxAge = null);
