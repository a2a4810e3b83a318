using OrbFixtures.OrbCtl;
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
    }

    /// <summary>Releases every machine (<see cref="ReleaseAllAsync"/>) and writes the report when configured.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await ReleaseAllAsync().ConfigureAwait(false);
        }
        finally
        {
            WriteReport();
        }
    }

    private async Task ReleaseAsync(Machine machine, CancellationToken cancellationToken)
    {
        var journal = machine.Journal;
        var name = journal.Name;
        var reach = $"reach it with `orbctl run -m {name} <command>` or `ssh {name}@orb`; delete it with `orbctl delete -f {name}` when done";
        if (journal.Spec.Reuse)
        {
            _session.Ledger.Write(_session.RecordFor(journal, machine.Id, LedgerState.Reusable));
            journal.Cleanup = "kept for reuse";
            journal.Progress("kept running for reuse by a later run with the same spec");
            return;
        }
        var failedTests = machine.FailedTests;
        switch (journal.Spec.Cleanup ?? Options.Cleanup)
        {
            case CleanupPolicy.Keep:
                _session.Ledger.Remove(name);
                journal.Cleanup = "kept";
                journal.Progress($"kept running and no longer tracked (cleanup policy Keep): {reach}");
                break;
            case CleanupPolicy.KeepOnFailure when failedTests.Count > 0:
                _session.Ledger.Write(_session.RecordFor(journal, machine.Id, LedgerState.Kept));
                journal.Cleanup = "kept (a test failed)";
                journal.Progress($"kept running because {string.Join(", ", failedTests)} failed while using it: {reach}");
                break;
            case CleanupPolicy.Stop:
                await StopOwnedAsync(journal, machine.Id, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await DeleteOwnedAsync(journal, machine.Id, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Cleans up after a failed <see cref="EnsureAsync"/> that may have made a machine: keeps it for
    /// inspection under Keep/KeepOnFailure, deletes it otherwise. Never throws: what cannot be cleaned up now stays
    /// in the ledger for the reaper.</summary>
    private async Task AbandonAsync(MachineJournal journal, string? knownId)
    {
        try
        {
            var policy = journal.Spec.Reuse ? CleanupPolicy.Delete : journal.Spec.Cleanup ?? Options.Cleanup;
            if (policy is CleanupPolicy.Keep or CleanupPolicy.KeepOnFailure)
            {
                var info = await _session.Client.GetInfoAsync(journal.Name, journal.History, CancellationToken.None).ConfigureAwait(false);
                if (info is null) { _session.Ledger.Remove(journal.Name); return; }
                _session.Ledger.Write(_session.RecordFor(journal, info.Id, LedgerState.Kept));
                journal.Cleanup = "kept (provisioning failed)";
                journal.Progress($"provisioning failed; the machine is kept for inspection (cleanup policy {policy}): reach it with " +
                                 $"`orbctl run -m {journal.Name} <command>` or `ssh {journal.Name}@orb`; delete it with `orbctl delete -f {journal.Name}`");
                return;
            }
            await DeleteOwnedAsync(journal, knownId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            journal.Progress($"could not clean up after the failure ({e.Kind}); the ledger record stays for the next run's reaper");
        }
    }

    /// <summary>Deletes the machine by name with <c>-f</c>, but only when <c>info</c>'s ULID still matches the ledger.</summary>
    private async Task DeleteOwnedAsync(MachineJournal journal, string? knownId, CancellationToken cancellationToken)
    {
        var expectedId = _session.Ledger.Read(journal.Name)?.Id ?? knownId;
        var info = await _session.Client.GetInfoAsync(journal.Name, journal.History, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            _session.Ledger.Remove(journal.Name);
            journal.Cleanup = "already gone";
            journal.Note("teardown: the machine no longer exists; removed its ledger record");
            return;
        }
        if (expectedId is not null && info.Id != expectedId)
        {
            _session.Ledger.Remove(journal.Name);
            journal.Cleanup = "not deleted (ULID changed)";
            journal.Progress($"teardown: not deleting: its ULID is {info.Id}, the ledger says {expectedId}, so it is no longer ours");
            return;
        }
        await _session.Client.DeleteAsync(journal.Name, journal.History, cancellationToken).ConfigureAwait(false);
        _session.Ledger.Remove(journal.Name);
        journal.Cleanup = "deleted";
        journal.Progress("deleted");
    }

    /// <summary>Stops the machine (ULID checked); its record stays, so a later run's reaper deletes it.</summary>
    private async Task StopOwnedAsync(MachineJournal journal, string knownId, CancellationToken cancellationToken)
    {
        var expectedId = _session.Ledger.Read(journal.Name)?.Id ?? knownId;
        var info = await _session.Client.GetInfoAsync(journal.Name, journal.History, cancellationToken).ConfigureAwait(false);
        if (info is null || info.Id != expectedId)
        {
            _session.Ledger.Remove(journal.Name);
            journal.Cleanup = info is null ? "already gone" : "not stopped (ULID changed)";
            journal.Note($"teardown: {journal.Cleanup}");
            return;
        }
        await _session.Client.StopAsync(journal.Name, journal.History, cancellationToken).ConfigureAwait(false);
        journal.Cleanup = "stopped";
        journal.Progress("stopped (cleanup policy Stop); a later run's reaper deletes it");
    }

    private void WriteReport()
    {
        if (Options.ReportPath is not { } path) return;
        List<MachineJournal> journals;
        lock (_gate) journals = [.. _journals];
        try
        {
            if (RunReport.Append(path, SessionId, _session.Liveness.Current.Pid, journals) is { } keptAs)
                RaiseProgress($"the run report '{path}' was not a run report (not a JSON object with 'machines'); kept it as '{keptAs}' and wrote a new one");
        }
        catch (Exception e)
        {
            // Every error: the report is a by-product, and teardown (which already deleted the machines) must not
            // fail because of it. The user still learns why there is no report.
            RaiseProgress($"could not write the run report to '{path}': {e.GetType().Name}: {e.Message}");
        }
    }
}
