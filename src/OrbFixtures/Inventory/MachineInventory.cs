using OrbFixtures.Configuration;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Validation;

namespace OrbFixtures.Inventory;

/// <summary>
/// What OrbFixtures owns in one <c>orbctl</c> world, for tools and scripts (the <c>orbfixtures</c> command is built on
/// it): the ledger's records with their sessions' liveness and what <c>orbctl</c> says of their machines, the reaper
/// (with a dry run), forgetting a record, and the state folder as it is. Everything goes through the engine's own ledger,
/// ownership proof and reaper: no machine is ever deleted without the proof that it is the one its record describes.
/// </summary>
public sealed partial class MachineInventory
{
    private readonly ProvisioningSession _session;

    /// <summary>An inventory of the world and state folder <paramref name="options"/> point at.</summary>
    /// <exception cref="OrbFixturesConfigurationException">An option is invalid.</exception>
    public MachineInventory(OrbFixturesOptions options)
        : this(options, new ProvisionerServices())
    {
    }

    internal MachineInventory(OrbFixturesOptions options, ProvisionerServices services)
    {
        OrbFixturesOptionsValidation.Validate(options);
        ArgumentNullException.ThrowIfNull(services);
        _session = new ProvisioningSession(options, services);
    }

    /// <summary>The state folder (ledger) this inventory reads.</summary>
    public string StateDirectory => _session.State.Root;

    /// <summary>The state folder as found: whether it exists, its mode, whether provisioning would refuse it, its
    /// records. Nothing is created or changed.</summary>
    public StateDirectoryStatus InspectStateDirectory()
    {
        var state = _session.State;
        var exists = Directory.Exists(state.Root);
        var problem = state.Inspect();
        var scan = exists && problem is null ? _session.Ledger.Scan() : new LedgerScan([], []);
        return new StateDirectoryStatus(state.Root, exists, state.Mode(), problem?.Why is { } why ? $"'{problem.Directory}': {why}" : null,
            problem?.Fix, scan.Records.Count, Damaged(scan));
    }

    /// <summary>Every record of this world with its owner's liveness and its machine's state, and the machines named
    /// like OrbFixtures' that no record describes. When <c>orbctl</c> cannot be asked, the records are listed without
    /// state and <see cref="InventoryListing.OrbctlProblem"/> says why.</summary>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to read (named, with the fix).</exception>
    public async Task<InventoryListing> ListAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnsafe();
        var scan = _session.Ledger.Scan();
        IReadOnlyList<MachineInfo> listed = [];
        string? orbctlProblem = null;
        try
        {
            listed = await _session.Client.ListAsync(log: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e)
        {
            orbctlProblem = e.Message;
        }
        var byName = listed.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var ours = scan.Records.Where(r => r.World == _session.World).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var machines = ours.Select(r => Describe(r, byName.GetValueOrDefault(r.Name), orbctlProblem is null)).ToList();
        var recorded = scan.Records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var prefix = _session.Options.NamePrefix + "-";
        var notOwned = listed.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal) && !recorded.Contains(m.Name))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new UnownedMachine(m.Name, m.Id, m.State)).ToList();
        return new InventoryListing(StateDirectory, machines, notOwned, Damaged(scan), scan.Records.Count - ours.Count, orbctlProblem);
    }

    /// <summary>Runs the reaper over this world's records, as a test run does before its first machine, and reports
    /// every action and every record it left alone, with why. With <paramref name="dryRun"/>, it decides the same way
    /// (asking <c>orbctl info</c> and checking the proof) but changes nothing.</summary>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to use (named, with the fix).</exception>
    public async Task<ReapReport> ReapAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        ThrowIfUnsafe();
        var log = new MachineLog($"reaper of {StateDirectory}", capacity: 10_000);
        var reaper = new MachineReaper(_session, log, new ReapMode(dryRun, ReportLeftAlone: true));
        var deleted = await reaper.ReapAsync(cancellationToken).ConfigureAwait(false);
        return new ReapReport(dryRun, [.. log.Events.OfType<ReaperAction>()], deleted);
    }

    /// <summary>Removes the record of <paramref name="machineName"/> (a valid record, or a damaged file named for it),
    /// for a machine the user has decided about. The machine itself, if there is one, is not touched.</summary>
    /// <exception cref="ArgumentException"><paramref name="machineName"/> is not a machine name (the rule is named).</exception>
    /// <exception cref="UnauthorizedAccessException">The state folder is not safe to use (named, with the fix).</exception>
    public ForgetOutcome Forget(string machineName)
    {
        if (MachineNameProblem(machineName) is { } problem) throw new ArgumentException(problem, nameof(machineName));
        ThrowIfUnsafe();
        if (!Directory.Exists(_session.Ledger.Directory)) return ForgetOutcome.NoRecord;
        using var _ = _session.Ledger.Lock();
        var known = _session.Ledger.Read(machineName) is not null
            || _session.Ledger.Scan().Problems.Any(p => p.MachineName == machineName);
        if (!known) return ForgetOutcome.NoRecord;
        _session.Ledger.Remove(machineName);
        return ForgetOutcome.Removed;
    }

    /// <summary>Why <paramref name="machineName"/> cannot name a ledger record (the name rule it breaks), or
    /// <see langword="null"/> when it can.</summary>
    public static string? MachineNameProblem(string? machineName) =>
        MachineNames.Problem(machineName) is { } problem ? $"'{machineName}' cannot be a ledger record: {problem}." : null;

    /// <summary>The availability probe with everything it searched, and <c>orbctl version</c>.</summary>
    public static async Task<OrbctlCheck> CheckOrbctlAsync(OrbFixturesOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var availability = await OrbStackProbe.CheckAsync(options).ConfigureAwait(false);
        if (availability.OrbctlPath is not { } path) return new OrbctlCheck(availability, null, "orbctl was not found");
        try
        {
            var version = await OrbStackProbe.ClientFor(options, path).GetVersionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new OrbctlCheck(availability, version.Version, null);
        }
        catch (OrbCtlException e)
        {
            return new OrbctlCheck(availability, null, e.Message);
        }
    }

    private void ThrowIfUnsafe()
    {
        if (_session.State.Inspect() is { } problem)
            throw new UnauthorizedAccessException($"The OrbFixtures state folder '{problem.Directory}' is not safe to use: {problem.Why}. Fix: {problem.Fix}.");
    }

    private OwnedMachine Describe(LedgerRecord record, MachineInfo? info, bool listed)
    {
        var kind = record.State == LedgerState.Kept ? OwnedMachineKind.Kept
            : record.Kind == MachineKind.Reusable ? OwnedMachineKind.Reusable
            : record.Kind == MachineKind.Template ? OwnedMachineKind.Template
            : OwnedMachineKind.SessionMachine;
        var proven = info is not null && OwnershipProof.Check(info, record.Id, record.CreateStartedAt, record.Expected).IsProven;
        return new OwnedMachine(record.Name, record.LogicalName, kind, Summary(record.Owner), record.CreateStartedAt ?? record.UpdatedAt,
            record.UpdatedAt, record.Id, listed ? info?.State : null, proven, record.Claim is not null, [.. record.Leases.Select(Summary)]);
    }

    private SessionSummary Summary(SessionOwner owner) => new(owner.SessionId, owner.Pid, owner.Place.ToString(),
        _session.Liveness.Judge(owner) switch
        {
            OwnerStatus.Alive => SessionLiveness.Alive,
            OwnerStatus.Dead => SessionLiveness.Dead,
            _ => SessionLiveness.OtherHost,
        });

    private List<DamagedRecord> Damaged(LedgerScan scan) =>
        [.. scan.Problems.Select(p => new DamagedRecord(Path.Combine(_session.Ledger.Directory, p.File), p.MachineName, p.Reason))];
}
