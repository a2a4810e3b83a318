using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

public sealed partial class MachineProvisioner
{
    /// <summary>Applies the cleanup policy to every machine of this session.</summary>
    /// <exception cref="AggregateException">Some machines could not be cleaned up (all others were); their ledger
    /// records stay, so a later run's reaper removes them.</exception>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken = default)
    {
        List<Machine> machines;
        lock (_gate)
        {
            machines = [.. _machines.Values];
            _machines.Clear();
        }
        var releases = machines.Select(m => ReleaseAsync(m, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(releases).ConfigureAwait(false);
        }
        catch (Exception) when (releases.All(t => t.IsCompleted))
        {
            var failures = releases.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            if (failures.Count == 0) throw;
            throw new AggregateException(
                $"{failures.Count} machine(s) could not be cleaned up; their ledger records stay for the next run's reaper.", failures);
        }
        finally
        {
            // The clones are gone (or kept): this session no longer holds its templates.
            try
            {
                _templates.ReleaseLeases();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                SessionNote($"could not end this session's template leases ({e.Message}); a later run's reaper prunes them");
            }
        }
    }

    /// <summary>Replaces a machine of this session with a fresh one of the same spec — for a machine made from a template,
    /// a new clone, which costs a clone and a boot — so that what a destructive test did to it (a restart, a broken
    /// network, a full disk) never reaches the next test. The old machine is deleted first (only when provably ours).</summary>
    /// <exception cref="ArgumentException"><paramref name="machine"/> is not a current machine of this provisioner.</exception>
    /// <exception cref="InvalidOperationException">It is a reusable machine, which other sessions may share.</exception>
    /// <exception cref="MachineProvisioningException">The fresh machine could not be made ready.</exception>
    public async Task<Machine> RenewAsync(Machine machine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.Journal.Kind == MachineKind.Reusable)
            throw new InvalidOperationException($"Machine '{machine.Spec.LogicalName}' is reusable and may be shared by other sessions; it cannot be renewed.");
        lock (_gate)
        {
            if (!_machines.TryGetValue(machine.Spec.LogicalName, out var current) || !ReferenceEquals(current, machine))
                throw new ArgumentException($"Machine '{machine.Name}' is not a current machine of this provisioner.", nameof(machine));
            _machines.Remove(machine.Spec.LogicalName);
        }
        await DeleteOwnedAsync(machine.Journal, cancellationToken).ConfigureAwait(false);
        return await EnsureAsync(machine.Spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases every machine (<see cref="ReleaseAllAsync"/>), removes this session's private folder and writes
    /// the report when configured.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await ReleaseAllAsync().ConfigureAwait(false);
        }
        finally
        {
            RemoveSessionDirectory();
            WriteReport();
        }
    }

    private async Task ReleaseAsync(Machine machine, CancellationToken cancellationToken)
    {
        var journal = machine.Journal;
        var name = journal.Name;
        if (journal.Kind == MachineKind.Reusable)
        {
            ReleaseLease(journal, machine.Id);
            return;
        }
        var failedTests = journal.Log.OfType<TestFailed>().Select(t => t.Test).Distinct().ToList();
        switch (journal.Spec.Cleanup ?? Options.Cleanup)
        {
            case CleanupPolicy.Keep:
                _session.Ledger.Remove(name);
                Cleaned(journal, CleanupOutcome.Kept);
                break;
            case CleanupPolicy.KeepOnFailure when failedTests.Count > 0:
                _session.Ledger.Write(_session.RecordFor(journal, LedgerState.Kept));
                Cleaned(journal, CleanupOutcome.KeptForFailedTests, string.Join(", ", failedTests));
                break;
            case CleanupPolicy.Stop:
                await StopOwnedAsync(journal, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await DeleteOwnedAsync(journal, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Ends this session's lease on a reusable machine. The machine stays for reuse; it is free once its last
    /// lease has ended. A record that now describes another machine (its ULID changed) is left as it is: writing this
    /// session's ULID over it would make every later run of the spec fail.</summary>
    private void ReleaseLease(MachineJournal journal, string machineId)
    {
        using (_session.Ledger.Lock())
        {
            var record = _session.Ledger.Read(journal.Name);
            if (record is null || record.Id != machineId)
            {
                Cleaned(journal, CleanupOutcome.NotRecordedForReuse,
                    $"{(record is null ? "nothing" : $"ULID {record.Id ?? "(none)"}")}, not {machineId},");
                return;
            }
            var leases = Adoption.LiveLeases(record, _session.Liveness).Where(l => l.SessionId != SessionId).ToList();
            _session.Ledger.Write(record with { State = LedgerState.Reusable, Leases = leases, UpdatedAt = _session.Time.GetUtcNow() });
            Cleaned(journal, CleanupOutcome.KeptForReuse, count: leases.Count);
        }
    }

    /// <summary>Cleans up after a failed <see cref="EnsureAsync"/> that may have made a machine: keeps it for
    /// inspection under Keep/KeepOnFailure, deletes it otherwise, in both cases only when it is provably ours. Never
    /// throws: what cannot be cleaned up now stays in the ledger for the reaper.</summary>
    private async Task AbandonAsync(MachineJournal journal)
    {
        try
        {
            if (journal.Kind == MachineKind.Reusable && journal.MachineId is { } leased && journal.CreateAttempts == 0)
            {
                // An existing reusable machine that did not become ready for us: others may lease it; just end our lease.
                ReleaseLease(journal, leased);
                return;
            }
            var policy = journal.Kind == MachineKind.Reusable ? CleanupPolicy.Delete : journal.Spec.Cleanup ?? Options.Cleanup;
            if (policy is CleanupPolicy.Keep or CleanupPolicy.KeepOnFailure)
            {
                if (await OwnedMachineAsync(journal, CancellationToken.None).ConfigureAwait(false) is null) return;
                _session.Ledger.Write(_session.RecordFor(journal, LedgerState.Kept));
                Cleaned(journal, CleanupOutcome.KeptAfterFailedProvisioning, policy.ToString());
                return;
            }
            await DeleteOwnedAsync(journal, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            Cleaned(journal, CleanupOutcome.Failed, $"orbctl failed: {e.Kind}");
        }
    }

    /// <summary>Deletes the machine by name with <c>-f</c>, only when <c>info</c> proves it is ours.</summary>
    private async Task DeleteOwnedAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        if (await OwnedMachineAsync(journal, cancellationToken).ConfigureAwait(false) is null) return;
        await _session.Client.DeleteAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
        _session.Ledger.Remove(journal.Name);
        Cleaned(journal, CleanupOutcome.Deleted);
    }

    /// <summary>Stops the machine (only when provably ours); its record stays, so a later run's reaper deletes it.</summary>
    private async Task StopOwnedAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        if (await OwnedMachineAsync(journal, cancellationToken).ConfigureAwait(false) is null) return;
        await _session.Client.StopAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
        Cleaned(journal, CleanupOutcome.Stopped);
    }

    /// <summary>The machine under the journal's name when <c>info</c> proves it is ours. Otherwise (it is gone, or what
    /// holds the name is not ours) there is nothing to do to it, this session's record of it proves nothing any more and
    /// is removed, and the result is <see langword="null"/>.</summary>
    private async Task<MachineInfo?> OwnedMachineAsync(MachineJournal journal, CancellationToken cancellationToken)
    {
        var info = await _session.Client.GetInfoAsync(journal.Name, journal.Log, cancellationToken).ConfigureAwait(false);
        var proof = info is null ? (ProofResult?)null : journal.Prove(info);
        if (proof is { IsProven: true }) return info;

        // Only a record this session wrote and no other session relies on: a reusable machine's record that others lease
        // stays theirs.
        if (_session.Ledger.Read(journal.Name) is { } record && record.Owner.SessionId == SessionId
            && (record.Kind == MachineKind.Session || record.State == LedgerState.Creating))
            _session.Ledger.RemoveIfUnchanged(record);
        if (proof is { Reason: var reason }) Cleaned(journal, CleanupOutcome.LeftAloneNotOurs, reason);
        else Cleaned(journal, CleanupOutcome.AlreadyGone);
        return null;
    }

    private static void Cleaned(MachineJournal journal, CleanupOutcome outcome, string? detail = null, int count = 0) =>
        journal.Record(at => new CleanedUp(at, journal.Name, outcome, detail, count));

    private void RemoveSessionDirectory()
    {
        try
        {
            _session.State.RemoveSessionDirectory(SessionId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SessionNote($"could not remove this session's private folder under '{Options.StateDirectory}' ({e.Message}); a later run's reaper removes it");
        }
    }

    private void WriteReport()
    {
        if (Options.ReportPath is not { } path) return;
        List<MachineJournal> journals;
        lock (_gate) journals = [.. _journals];
        try
        {
            if (RunReport.Append(path, SessionId, _session.Liveness.Current.Pid, journals) is { } keptAs)
                SessionNote($"the run report '{path}' was not a run report (not a JSON object with 'machines'); kept it as '{keptAs}' and wrote a new one");
        }
        catch (Exception e)
        {
            // Every error: the report is a by-product, and teardown (which already deleted the machines) must not
            // fail because of it. The user still learns why there is no report.
            SessionNote($"could not write the run report to '{path}': {e.GetType().Name}: {e.Message}");
        }
    }
}
