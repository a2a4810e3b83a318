using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>Whether a machine found under a name may be adopted, and why (or why not).</summary>
/// <param name="Adopt">Whether it is provably this session's, or a reusable machine of this spec.</param>
/// <param name="Reason">Why, as a clause for messages.</param>
/// <param name="Record">The ledger record that proves it, when <paramref name="Adopt"/>.</param>
internal sealed record AdoptionVerdict(bool Adopt, string Reason, LedgerRecord? Record);

/// <summary>
/// Decides, from the ledger, whether a machine that exists under a session's name is that session's to adopt. Only a
/// record of this <c>orbctl</c> world proves anything, and only when the machine is the one it describes
/// (<see cref="OwnershipProof"/>): then a session name is adopted by its own live session, and a reusable name by any
/// session whose spec hash and image match. Everything else is foreign.
/// </summary>
internal static class Adoption
{
    public static AdoptionVerdict Decide(MachineInfo info, LedgerRecord? record, MachineJournal journal, ProvisioningSession session)
    {
        if (record is null)
            return Foreign("it is not in the OrbFixtures ledger, so no OrbFixtures session created it");
        if (record.World != session.World)
            return Foreign($"its ledger record belongs to another orbctl world ({record.World})");
        if (record.Kind != journal.Kind)
            return Foreign($"its ledger record is for a {Describe(record.Kind)}, not a {Describe(journal.Kind)}");
        var proof = OwnershipProof.Check(info, record.Id, record.CreateStartedAt, record.Expected);
        if (!proof.IsProven) return Foreign(proof.Reason);

        if (record.Kind == MachineKind.Reusable)
        {
            if (record.SpecHash != journal.SpecHash)
                return Foreign($"it is a reusable machine of another spec (hash {record.SpecHash}, this spec's is {journal.SpecHash})");
            return journal.Expected.Mismatch(info) is { } mismatch
                ? Foreign($"it is a reusable machine, but {mismatch}")
                : new AdoptionVerdict(true, $"a reusable machine of the same spec (hash {record.SpecHash}); {proof.Reason}", record);
        }

        if (record.Owner.SessionId == session.SessionId && session.Liveness.IsCurrent(record.Owner))
            return new AdoptionVerdict(true, $"this session created it; {proof.Reason}", record);
        return Foreign(session.Liveness.Judge(record.Owner) switch
        {
            OwnerStatus.Alive => $"it belongs to {record.Owner}, which is still running",
            OwnerStatus.Dead => $"it belonged to {record.Owner}, which has exited (the reaper removes it)",
            _ => $"it belongs to {record.Owner}, on another host or in another PID namespace, where OrbFixtures cannot tell whether it still runs",
        });
    }

    /// <summary>The leases of <paramref name="record"/> that may still be in use (owners alive or elsewhere), plus this
    /// session's.</summary>
    public static IReadOnlyList<SessionOwner> LeasesWith(LedgerRecord record, ProvisioningSession session) =>
        [.. LiveLeases(record, session.Liveness).Where(l => l.SessionId != session.SessionId), session.Me];

    /// <summary>The leases of <paramref name="record"/> whose owner is not known to be dead.</summary>
    public static IEnumerable<SessionOwner> LiveLeases(LedgerRecord record, IProcessLiveness liveness) =>
        record.Leases.Where(l => liveness.Judge(l) != OwnerStatus.Dead);

    private static AdoptionVerdict Foreign(string reason) => new(false, reason, null);

    private static string Describe(MachineKind kind) => kind == MachineKind.Reusable ? "reusable machine" : "session's own machine";
}
