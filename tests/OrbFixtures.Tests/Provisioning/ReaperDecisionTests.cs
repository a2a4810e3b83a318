using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>Each decision of the reaper, as the typed action it records: a dry run changes nothing and says what it would
/// do, a reporting sweep says why it left each record alone, retention counts from the right moment, and a record that
/// changes under the reaper is left to the next run.</summary>
public sealed class ReaperDecisionTests : IDisposable
{
    private static readonly ProcessIdentity s_dead = new(3000, FakeLiveness.Started);
    private static readonly ProcessIdentity s_live = new(2000, FakeLiveness.Started);
    private readonly ProvisioningBed _bed = new();
    private readonly MachineLog _log = new("reaper under test", capacity: 10_000);

    public ReaperDecisionTests() => _bed.Liveness.Alive.Add(s_live);

    public void Dispose() => _bed.Dispose();

    private MachineReaper Reaper(ReapMode mode, IProcessLiveness? liveness = null, OrbFixturesOptions? options = null) =>
        new(_bed.NewSession(options, liveness), _log, mode);

    private Task<int> Sweep(ReapMode mode = default, IProcessLiveness? liveness = null, OrbFixturesOptions? options = null)
    {
        var reaper = Reaper(mode, liveness, options);
        return _bed.Drive(() => reaper.ReapAsync(CancellationToken.None));
    }

    private List<ReaperAction> Actions => [.. _log.Events.OfType<ReaperAction>()];

    private ReaperAction Action(string? machine, ReaperActionKind kind) => Assert.Single(Actions, a => a.Machine == machine && a.Action == kind);

    private LedgerRecord Leftover(string name, ProcessIdentity owner, LedgerState state = LedgerState.Ready, bool machine = true,
        MachineKind kind = MachineKind.Session, IReadOnlyList<SessionOwner>? leases = null, ProcessPlace? place = null)
    {
        var id = machine ? _bed.OrbCtl.AddMachine(name).Id : _bed.OrbCtl.NewId();
        return _bed.WriteRecord(name, id, owner, name.Split('-')[1], state, kind: kind, leases: leases, place: place);
    }

    private static SessionOwner Owner(string session, ProcessIdentity process) => new(session, process.Pid, process.StartTime, FakeLiveness.Here);

    [Fact]
    public async Task A_dry_run_decides_like_a_sweep_but_claims_deletes_and_removes_nothing()
    {
        var proven = Leftover("of-dead-ready", s_dead).Name;
        var gone = Leftover("of-dead-gone", s_dead, machine: false);
        var replaced = Leftover("of-dead-replaced", s_dead).Name;
        var other = _bed.OrbCtl.Machines[replaced].Id = _bed.OrbCtl.NewId();
        Leftover("of-reuse-cache", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable, leases: [Owner("dead", s_dead)]);
        var folder = new StateDirectory(_bed.StateDirectory).SessionDirectory(Owner("d3ad", s_dead));
        var before = _bed.Ledger.ReadAll().Select(r => (r.Name, r.Revision)).ToList();

        Assert.Equal(1, await Sweep(new ReapMode(DryRun: true, ReportLeftAlone: false)));

        Assert.Equal(before, _bed.Ledger.ReadAll().Select(r => (r.Name, r.Revision))); // nothing written: no claim, no removal
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
        Assert.True(_bed.OrbCtl.Exists(proven));
        Assert.True(Directory.Exists(folder));
        Assert.Contains(_bed.OrbCtl.Machines[proven].Id, Action(proven, ReaperActionKind.WouldDelete).Detail, StringComparison.Ordinal);
        Assert.Contains(gone.Owner.ToString(), Action(gone.Name, ReaperActionKind.WouldRemoveRecord).Detail, StringComparison.Ordinal); // the dead owner
        Assert.Contains(other, Action(replaced, ReaperActionKind.WouldRemoveRecord).Detail, StringComparison.Ordinal);
        Assert.Equal(0, Action("of-reuse-cache", ReaperActionKind.WouldPruneLeases).Count);
        Action("d3ad", ReaperActionKind.WouldRemoveSessionFolder);
        Assert.Equal(1, Action(null, ReaperActionKind.DryRunFinished).Count);
        Assert.DoesNotContain(Actions, a => a.Action is ReaperActionKind.SweepFinished or ReaperActionKind.Deleted
            or ReaperActionKind.RecordRemoved or ReaperActionKind.NotOursRecordRemoved or ReaperActionKind.LeasesPruned
            or ReaperActionKind.SessionFolderRemoved);
    }

    [Fact]
    public async Task A_reporting_sweep_says_why_it_left_each_record_alone()
    {
        var options = _bed.Options with { ReuseRetention = TimeSpan.FromHours(1) };
        var kept = Leftover("of-dead-kept", s_dead, LedgerState.Kept).Name;
        var live = Leftover("of-live-db", s_live);
        var away = Leftover("of-away-db", s_dead, place: FakeLiveness.Here with { HostId = "machine-id:other" });
        var leased = Leftover("of-reuse-leased", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable, leases: [Owner("live", s_live)]).Name;
        var fresh = Leftover("of-reuse-fresh", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable).Name;
        _bed.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(0, await Sweep(new ReapMode(DryRun: false, ReportLeftAlone: true), options: options));

        Assert.Empty(_bed.OrbCtl.Calls);
        Action(kept, ReaperActionKind.LeftAloneKept);
        Assert.Equal(live.Owner.ToString(), Action(live.Name, ReaperActionKind.LeftAloneOwnerAlive).Detail);
        Assert.Equal(away.Owner.ToString(), Action(away.Name, ReaperActionKind.LeftAloneOwnerElsewhere).Detail);
        Assert.Equal(1, Action(leased, ReaperActionKind.LeftAloneLeased).Count);
        var within = Action(fresh, ReaperActionKind.LeftAloneWithinRetention).Detail;
        Assert.Contains(EventText.Duration(TimeSpan.FromMinutes(20)), within, StringComparison.Ordinal);
        Assert.Contains(EventText.Duration(options.ReuseRetention), within, StringComparison.Ordinal);
        Assert.Equal(0, Action(null, ReaperActionKind.SweepFinished).Count);
    }

    [Fact]
    public async Task A_reusable_machine_goes_once_unused_for_exactly_its_retention_whatever_the_template_age()
    {
        var options = _bed.Options with { ReuseRetention = TimeSpan.FromHours(1), TemplateMaxAge = TimeSpan.FromDays(30) };
        var name = Leftover("of-reuse-cache", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable).Name;
        _bed.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await Sweep(options: options));

        Assert.False(_bed.OrbCtl.Exists(name));
        Assert.Null(_bed.Ledger.Read(name));
    }

    [Fact]
    public async Task A_reusable_machine_whose_leases_all_died_loses_them_and_goes_in_the_same_sweep()
    {
        var options = _bed.Options with { ReuseRetention = TimeSpan.FromHours(1) };
        var name = Leftover("of-reuse-cache", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable, leases: [Owner("dead", s_dead)]).Name;
        _bed.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, await Sweep(options: options));

        Assert.Equal(0, Action(name, ReaperActionKind.LeasesPruned).Count);
        Action(name, ReaperActionKind.Deleted);
        Assert.False(_bed.OrbCtl.Exists(name));
    }

    [Fact]
    public async Task A_record_that_changes_while_the_reaper_judges_its_leases_is_left_to_the_next_run()
    {
        var options = _bed.Options with { ReuseRetention = TimeSpan.FromHours(1) };
        var name = Leftover("of-reuse-cache", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable, leases: [Owner("dead", s_dead)]).Name;
        _bed.Time.Advance(TimeSpan.FromHours(2));
        // Another process takes a lease while the reaper asks whether the old one's owner still runs.
        var liveness = new HookedLiveness(_bed.Liveness, s_dead,
            () => _bed.Ledger.Write(_bed.Ledger.Read(name)! with { Leases = [Owner("live", s_live)] }));

        Assert.Equal(0, await Sweep(liveness: liveness, options: options));

        Assert.True(_bed.OrbCtl.Exists(name));
        Assert.Equal([Owner("live", s_live)], _bed.Ledger.Read(name)!.Leases);
        Assert.DoesNotContain(Actions, a => a.Machine == name);
    }

    [Fact]
    public async Task A_shared_record_removed_or_rewritten_after_the_scan_is_left_to_the_next_run()
    {
        var first = Leftover("of-aaaa-db", s_dead).Name;
        var removed = Leftover("of-reuse-gone", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable).Name;
        var rewritten = Leftover("of-reuse-new", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable).Name;
        _bed.OrbCtl.BeforeInfo = (name, _) =>
        {
            if (name != first) return Task.CompletedTask;
            _bed.Ledger.Remove(removed);
            _bed.Ledger.Write(_bed.Ledger.Read(rewritten)! with { UpdatedAt = _bed.Time.GetUtcNow() });
            return Task.CompletedTask;
        };
        _bed.Time.Advance(TimeSpan.FromDays(8));

        Assert.Equal(1, await Sweep(new ReapMode(DryRun: false, ReportLeftAlone: true)));

        Assert.Equal([$"info {first}", $"delete {first}"], _bed.OrbCtl.Calls);
        Action(removed, ReaperActionKind.RecordChanged);
        Action(rewritten, ReaperActionKind.RecordChanged);
        Assert.True(_bed.OrbCtl.Exists(rewritten));
    }

    [Fact]
    public async Task A_dead_sessions_record_rewritten_before_the_reaper_claims_it_is_left_alone()
    {
        var first = Leftover("of-dead-a", s_dead).Name;
        var second = Leftover("of-dead-b", s_dead).Name;
        _bed.OrbCtl.BeforeInfo = (name, _) =>
        {
            if (name == first) _bed.Ledger.Write(_bed.Ledger.Read(second)! with { UpdatedAt = _bed.Time.GetUtcNow() });
            return Task.CompletedTask;
        };

        Assert.Equal(1, await Sweep());

        Assert.Equal([$"info {first}", $"delete {first}"], _bed.OrbCtl.Calls);
        Action(second, ReaperActionKind.RecordChanged);
        Assert.True(_bed.OrbCtl.Exists(second));
        Assert.Null(_bed.Ledger.Read(second)!.Claim);
    }

    [Fact]
    public async Task A_record_is_claimed_by_this_session_while_orbctl_looks_its_machine_up()
    {
        var name = Leftover("of-dead-db", s_dead).Name;
        ReaperClaim? seen = null;
        _bed.OrbCtl.BeforeInfo = (_, _) =>
        {
            seen = _bed.Ledger.Read(name)!.Claim;
            return Task.CompletedTask;
        };

        Assert.Equal(1, await Sweep());

        Assert.NotNull(seen);
        Assert.Equal("t3st", seen.Session.SessionId);
        Assert.Equal(_bed.Liveness.Current.Pid, seen.Session.Pid);
    }

    [Fact]
    public async Task A_record_rewritten_while_orbctl_looks_its_machine_up_is_not_deleted()
    {
        var name = Leftover("of-dead-db", s_dead).Name;
        _bed.OrbCtl.BeforeInfo = (_, _) =>
        {
            _bed.Ledger.Write(_bed.Ledger.Read(name)! with { Claim = null, UpdatedAt = _bed.Time.GetUtcNow() });
            return Task.CompletedTask;
        };

        Assert.Equal(0, await Sweep());

        Action(name, ReaperActionKind.RecordChanged);
        Assert.True(_bed.OrbCtl.Exists(name));
    }

    [Fact]
    public async Task A_create_age_counts_from_when_the_create_began_not_from_the_records_last_write()
    {
        var old = _bed.WriteRecord("of-dead-old", null, s_dead, "dead", LedgerState.Creating,
            createStartedAt: _bed.Time.GetUtcNow() - (_bed.OrbCtl.CreateTimeout * 2));
        var recent = _bed.WriteRecord("of-dead-new", null, s_dead, "dead", LedgerState.Creating,
            createStartedAt: _bed.Time.GetUtcNow() - TimeSpan.FromSeconds(10));

        Assert.Equal(0, await Sweep());

        Assert.Null(_bed.Ledger.Read(old.Name));
        Action(old.Name, ReaperActionKind.RecordRemoved);
        Assert.NotNull(_bed.Ledger.Read(recent.Name));
        var kept = Action(recent.Name, ReaperActionKind.RecordKeptCreateMayRun).Detail;
        Assert.Contains(EventText.Duration(TimeSpan.FromSeconds(10)), kept, StringComparison.Ordinal);
        Assert.Contains(EventText.Duration(_bed.OrbCtl.CreateTimeout), kept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_of_another_machine_under_its_name_goes_naming_the_machine_that_stays()
    {
        var name = Leftover("of-dead-db", s_dead).Name;
        var other = _bed.OrbCtl.Machines[name].Id = _bed.OrbCtl.NewId();

        Assert.Equal(0, await Sweep());

        Assert.Contains(other, Action(name, ReaperActionKind.NotOursRecordRemoved).Detail, StringComparison.Ordinal);
        Assert.True(_bed.OrbCtl.Exists(name));
    }

    [Fact]
    public async Task A_record_orbctl_cannot_look_up_is_not_counted_as_reaped()
    {
        var name = Leftover("of-dead-db", s_dead).Name;
        _bed.OrbCtl.FailInfoOf = name;

        Assert.Equal(0, await Sweep());

        Action(name, ReaperActionKind.CouldNotReap);
        Assert.Equal(0, Action(null, ReaperActionKind.SweepFinished).Count);
    }

    [Fact]
    public async Task A_shared_name_a_session_is_provisioning_is_skipped_without_asking_orbctl()
    {
        var name = Leftover("of-reuse-cache", s_dead, LedgerState.Reusable, kind: MachineKind.Reusable).Name;
        _bed.Time.Advance(TimeSpan.FromDays(8));
        using var provisioning = FileLock.TryAcquire(new StateDirectory(_bed.StateDirectory).NameLockPath(name));
        Assert.NotNull(provisioning);

        Assert.Equal(0, await Sweep());

        Action(name, ReaperActionKind.BeingProvisioned);
        Assert.Empty(_bed.OrbCtl.Calls);
        Assert.True(_bed.OrbCtl.Exists(name));
    }

    [Fact]
    public async Task A_template_prune_sweeps_only_templates_with_its_own_max_age()
    {
        const string template = "of-tpl-web-aaaaaaaa";
        _bed.WriteRecord(template, _bed.OrbCtl.AddMachine(template).Id, s_dead, "tpl", LedgerState.Reusable, kind: MachineKind.Template);
        var session = Leftover("of-dead-db", s_dead).Name;
        var folder = new StateDirectory(_bed.StateDirectory).SessionDirectory(Owner("d3ad", s_dead));
        File.WriteAllText(Path.Combine(_bed.Ledger.Directory, "of-tpl-db-bbbbbbbb.json"), "{ not json");
        File.WriteAllText(Path.Combine(_bed.Ledger.Directory, "of-dead-web.json"), "{ not json");
        _bed.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await Sweep(new ReapMode(DryRun: false, ReportLeftAlone: true, TemplatesOnly: true, TemplateMaxAge: TimeSpan.FromHours(1))));

        Assert.Equal([$"info {template}", $"delete {template}"], _bed.OrbCtl.Calls);
        Assert.True(_bed.OrbCtl.Exists(session));
        Assert.True(Directory.Exists(folder));
        Assert.Equal(["of-tpl-db-bbbbbbbb"], Actions.Where(a => a.Action == ReaperActionKind.UnreadableRecord).Select(a => a.Machine));
        Assert.DoesNotContain(Actions, a => a.Machine == session);
    }

    /// <summary>Liveness that runs <paramref name="hook"/> once, when first asked about <paramref name="process"/>, as
    /// another process acting in that moment would.</summary>
    private sealed class HookedLiveness(FakeLiveness inner, ProcessIdentity process, Action hook) : IProcessLiveness
    {
        private Action? _hook = hook;

        public ProcessIdentity Current => inner.Current;

        public ProcessPlace Place => inner.Place;

        public bool IsAlive(ProcessIdentity owner)
        {
            if (owner == process && Interlocked.Exchange(ref _hook, null) is { } run) run();
            return inner.IsAlive(owner);
        }
    }
}
