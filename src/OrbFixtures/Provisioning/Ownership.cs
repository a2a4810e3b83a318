using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>Decides, from the ledger, whether an existing machine belongs to this session.</summary>
internal static class Ownership
{
    public static (OwnershipVerdict Verdict, string Reason) Decide(
        MachineInfo info, LedgerRecord? record, MachineJournal journal, string sessionId, IProcessLiveness liveness)
    {
        if (record is null)
            return (OwnershipVerdict.Foreign, "it is not in the OrbFixtures ledger, so no OrbFixtures session created it");
        if (record.Id is not null && record.Id != info.Id)
            return (OwnershipVerdict.Foreign,
                $"its ULID {info.Id} differs from the ledger's {record.Id}, so it was replaced by something else");

        var ownerAlive = liveness.IsAlive(record.Owner);
        var ownerIsMe = ownerAlive && record.OwnerPid == liveness.Current.Pid;
        if (ownerIsMe && record.SessionId == sessionId) return (OwnershipVerdict.Ours, "this session created it");

        if (journal.Spec.Reuse)
        {
            var free = record.State == LedgerState.Reusable || !ownerAlive;
            if (record.SpecHash == journal.SpecHash)
                return (OwnershipVerdict.Reusable, $"a reusable machine with the same spec (hash {record.SpecHash})");
            if (free)
                return (OwnershipVerdict.ReusableChanged,
                    $"a reusable machine made from a different spec (hash {record.SpecHash}, now {journal.SpecHash})");
            return (OwnershipVerdict.Foreign,
                $"it is a reusable machine in use by live process {record.OwnerPid} with a different spec (hash {record.SpecHash})");
        }

        return (OwnershipVerdict.Foreign, ownerAlive
            ? $"it belongs to session '{record.SessionId}' of process {record.OwnerPid}, which is still running"
            : $"it belonged to session '{record.SessionId}' of process {record.OwnerPid}, which has exited (the reaper removes it)");
    }
}
