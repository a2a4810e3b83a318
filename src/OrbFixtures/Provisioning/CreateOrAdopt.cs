using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Create-or-adopt for one machine (DESIGN.md): look the name up; adopt what this session owns (or a matching
/// reusable machine); refuse a foreign one untouched; otherwise record the intent in the ledger and create, with a
/// watchdog, reconciliation after a timeout or "already exists", backoff on transient errors and an immediate stop
/// on permanent ones. Every step lands in the machine's history.
/// </summary>
internal sealed partial class CreateOrAdopt(ProvisioningSession session, MachineJournal journal)
{
    /// <summary>Whether this flow wrote a ledger record for the machine (so a failure must clean up after it).</summary>
    public bool IntentRecorded { get; private set; }

    /// <summary>The ULID of the machine, once known.</summary>
    public string? MachineId { get; private set; }

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

    /// <summary>Adopts an existing machine, or returns <see langword="null"/> when it must be (re)created.</summary>
    private async Task<MachineInfo?> AdoptExistingAsync(MachineInfo info, CancellationToken cancellationToken)
    {
        OwnershipVerdict verdict;
        string reason;
        using (session.Ledger.Lock())
        {
            (verdict, reason) = Ownership.Decide(info, session.Ledger.Read(journal.Name), journal, session.SessionId, session.Liveness);
            // Claim a reusable machine at once, so a concurrent session with another spec sees it in use.
            if (verdict == OwnershipVerdict.Reusable) session.Ledger.Write(session.RecordFor(journal, info.Id, LedgerState.Ready));
        }
        journal.Note($"lookup: exists (ULID {info.Id}, state {info.RawState}); verdict {verdict}: {reason}");
        MachineId = info.Id;
        switch (verdict)
        {
            case OwnershipVerdict.Foreign:
                throw Failure(
                    $"machine '{journal.Name}' already exists but does not belong to this session: {reason}. OrbFixtures never " +
                    "adopts, stops or deletes a machine it does not own, so it was left untouched. If it is a leftover you no " +
                    $"longer need, delete it with `orbctl delete -f {journal.Name}`; otherwise use another logical name or NamePrefix.",
                    OrbCtlErrorKind.AlreadyExists);
            case OwnershipVerdict.ReusableChanged:
                journal.Progress("the reusable machine was made from another spec; deleting it to recreate it");
                await DeleteAsync(cancellationToken).ConfigureAwait(false);
                return null;
        }

        IntentRecorded = true;
        var how = verdict == OwnershipVerdict.Ours ? "adopted" : "reused";
        journal.Progress($"{(how == "reused" ? "reusing" : "adopting")} the existing machine (state {info.RawState}); waiting until it is ready");
        var result = await session.Readiness.WaitAsync(journal, session.CreateTimeout, cancellationToken, justSeen: info)
            .ConfigureAwait(false);
        return result.Outcome switch
        {
            ReadinessOutcome.Ready => Ready(result.Info!, how),
            ReadinessOutcome.Gone => NoteGone(),
            _ => throw NotReady(result),
        };

        MachineInfo? NoteGone()
        {
            journal.Note("the machine disappeared while it was being adopted; creating it");
            return null;
        }
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await session.Client.DeleteAsync(journal.Name, journal.History, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            throw Failure($"the outdated reusable machine could not be deleted ({e.Kind}). orbctl said: {OrbctlText(e)}", e.Kind, e);
        }
        session.Ledger.Remove(journal.Name);
        MachineId = null;
    }

    private MachineInfo Ready(MachineInfo info, string how)
    {
        MachineId = info.Id;
        journal.How = how;
        session.Ledger.Write(session.RecordFor(journal, info.Id, LedgerState.Ready));
        journal.Progress($"ready after {AttemptHistory.FormatDuration(journal.Elapsed)} ({how}{(info.IPv4 is null ? "" : $", ip4 {info.IPv4}")})");
        return info;
    }

    private MachineProvisioningException NotReady(ReadinessResult result) => Failure(
        $"the machine exists but did not become ready within {AttemptHistory.FormatDuration(session.CreateTimeout)} " +
        $"(last state: {result.Info?.RawState ?? "unknown"}; ready means state running and the probe " +
        $"[{string.Join(' ', journal.Spec.ReadinessProbe)}] exiting 0)", OrbCtlErrorKind.TimedOut);

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
}
