using System.Collections.Concurrent;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Removes what dead sessions left behind: for every ledger record whose owning process is gone, the machine is
/// deleted (when its ULID still matches the record, or it was still being created and had no ULID yet) and the
/// record removed. A record of a create with no machine yet stays until the create timeout has passed since it was
/// written, since the dead session's orbctl create may still make the machine. Records of live processes, kept and
/// reusable records, and machines that are not in the ledger are never touched.
/// </summary>
internal sealed class MachineReaper(ProvisioningSession session, Action<string> progress)
{
    // Once per process and ledger: the first EnsureAsync of a process pays for the sweep, later ones do not.
    private static readonly ConcurrentDictionary<string, Lazy<Task<int>>> s_ranFor = new(StringComparer.Ordinal);

    /// <summary>Everything the reaper ran and decided.</summary>
    public AttemptHistory History { get; } = new("reaper");

    /// <summary>Reaps once per process for this ledger; later calls wait for (and share) the first sweep.</summary>
    public Task<int> ReapOnceAsync() =>
        s_ranFor.GetOrAdd(session.Ledger.Directory, _ => new Lazy<Task<int>>(() => ReapAsync(CancellationToken.None))).Value;

    public async Task<int> ReapAsync(CancellationToken cancellationToken)
    {
        var reaped = 0;
        foreach (var record in session.Ledger.ReadAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.State is LedgerState.Kept or LedgerState.Reusable) continue;
            if (session.Liveness.IsAlive(record.Owner)) continue;
            if (await ReapOneAsync(record, cancellationToken).ConfigureAwait(false)) reaped++;
        }
        if (reaped > 0) progress($"reaper: removed {reaped} machine{(reaped == 1 ? "" : "s")} left by dead sessions");
        return reaped;
    }

    private async Task<bool> ReapOneAsync(LedgerRecord record, CancellationToken cancellationToken)
    {
        var owner = $"owner process {record.OwnerPid} of session '{record.SessionId}' is gone";
        try
        {
            var info = await session.Client.GetInfoAsync(record.Name, History, cancellationToken).ConfigureAwait(false);
            if (info is null)
            {
                // A dead session's orbctl create can outlive it and still make the machine. Until a create could have
                // run its course, the record stays, so that a later run reaps that machine instead of leaking it.
                var age = session.Time.GetUtcNow() - record.UpdatedAt;
                if (record.State == LedgerState.Creating && age < session.CreateTimeout)
                {
                    var (began, timeout) = (AttemptHistory.FormatDuration(age), AttemptHistory.FormatDuration(session.CreateTimeout));
                    progress($"reaper: kept the record of {record.Name} ({owner}): there is no machine yet, but its create began " +
                             $"{began} ago and may still make one; a run after the create timeout ({timeout}) removes it");
                    Note($"{record.Name}: {owner}; no machine, but the create began {began} ago (create timeout {timeout}); keeping the record");
                    return false;
                }
                Note($"{record.Name}: {owner}; the machine no longer exists, removing the record");
                session.Ledger.Remove(record.Name);
                return false;
            }
            var matches = record.Id is null ? record.State == LedgerState.Creating : record.Id == info.Id;
            if (!matches)
            {
                Note($"{record.Name}: {owner}, but the machine's ULID {info.Id} is not the recorded {record.Id ?? "(none)"}; " +
                     "leaving the machine alone and removing the stale record");
                session.Ledger.Remove(record.Name);
                return false;
            }
            await session.Client.DeleteAsync(record.Name, History, cancellationToken).ConfigureAwait(false);
            session.Ledger.Remove(record.Name);
            progress($"reaper: deleted {record.Name} ({owner})");
            Note($"{record.Name}: {owner}; deleted it");
            return true;
        }
        catch (OrbCtlException e)
        {
            progress($"reaper: could not reap {record.Name} ({e.Kind}); the record stays for the next run");
            Note($"{record.Name}: {owner}; orbctl failed ({e.Kind}), keeping the record");
            return false;
        }
    }

    private void Note(string message) => History.Note(session.Time.GetUtcNow(), message);
}
