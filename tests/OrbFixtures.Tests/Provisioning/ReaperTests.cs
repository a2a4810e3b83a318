using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class ReaperTests : IDisposable
{
    private static readonly ProcessIdentity s_dead = new(3000, FakeLiveness.Started);
    private static readonly ProcessIdentity s_live = new(2000, FakeLiveness.Started);
    private readonly ProvisioningBed _bed = new();

    public ReaperTests() => _bed.Liveness.Alive.Add(s_live);

    public void Dispose() => _bed.Dispose();

    private string Leftover(string name, LedgerState state, ProcessIdentity owner, bool recordId = true, bool machine = true,
        MachineKind kind = MachineKind.Session)
    {
        var id = machine ? _bed.OrbCtl.AddMachine(name).Id : _bed.OrbCtl.NewId();
        _bed.WriteRecord(name, recordId ? id : null, owner, name.Split('-')[1], state, kind: kind);
        return name;
    }

    [Fact]
    public async Task The_reaper_deletes_only_machines_whose_owner_died_and_whose_ULID_still_matches()
    {
        var ready = Leftover("of-dead-ready", LedgerState.Ready, s_dead);
        var creating = Leftover("of-dead-creating", LedgerState.Creating, s_dead, recordId: false);
        var live = Leftover("of-live-db", LedgerState.Ready, s_live);
        var reusable = Leftover("of-reuse-cache", LedgerState.Reusable, s_dead, kind: MachineKind.Reusable);
        var kept = Leftover("of-dead-kept", LedgerState.Kept, s_dead);
        var gone = Leftover("of-dead-gone", LedgerState.Ready, s_dead, machine: false);
        var replaced = Leftover("of-dead-replaced", LedgerState.Ready, s_dead);
        _bed.OrbCtl.Machines[replaced].Id = _bed.OrbCtl.NewId();
        var unrecorded = _bed.OrbCtl.AddMachine("of-zzzz-mine").Name;
        await using var provisioner = _bed.NewProvisioner();

        var reaped = await _bed.Drive(() => provisioner.ReapAsync());

        Assert.Equal(2, reaped);
        Assert.Equal(
            [$"info {creating}", $"delete {creating}", $"info {gone}", $"info {ready}", $"delete {ready}", $"info {replaced}"],
            _bed.OrbCtl.Calls);
        Assert.All([live, reusable, kept, replaced, unrecorded], name => Assert.True(_bed.OrbCtl.Exists(name)));
        Assert.Equal([kept, live, reusable], _bed.Ledger.ReadAll().Select(r => r.Name));
        var deleted = Assert.Single(_bed.Recorded.OfType<ReaperAction>(), r => r.Action == ReaperActionKind.Deleted && r.Machine == ready);
        Assert.Contains("3000", deleted.Detail, StringComparison.Ordinal); // the dead process it names
    }

    [Fact]
    public async Task A_dead_sessions_create_without_a_machine_keeps_its_record_so_a_machine_made_later_is_still_reaped()
    {
        // The dead session's orbctl create can outlive it and make the machine after this sweep: dropping the record at
        // once would leak that machine for good.
        var name = Leftover("of-dead-late", LedgerState.Creating, s_dead, recordId: false, machine: false);
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));
        Assert.Null(_bed.Ledger.Read(name)!.Claim); // kept, and no longer claimed
        Assert.Contains(_bed.Recorded.OfType<ReaperAction>(), r => r.Action == ReaperActionKind.RecordKeptCreateMayRun && r.Machine == name);

        _bed.OrbCtl.AddMachine(name); // the orphaned create made it after all
        Assert.Equal(1, await _bed.Drive(() => provisioner.ReapAsync()));
        Assert.False(_bed.OrbCtl.Exists(name));
        Assert.Null(_bed.Ledger.Read(name));
        Assert.Equal([$"info {name}", $"info {name}", $"delete {name}"], _bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task A_dead_sessions_create_record_without_a_machine_goes_once_the_create_timeout_has_passed()
    {
        var name = Leftover("of-dead-never", LedgerState.Creating, s_dead, recordId: false, machine: false);
        _bed.Time.Advance(_bed.OrbCtl.CreateTimeout);
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.Null(_bed.Ledger.Read(name));
        Assert.Equal([$"info {name}"], _bed.OrbCtl.Calls);
        Assert.DoesNotContain(_bed.Recorded.OfType<ReaperAction>(), r => r.Action is ReaperActionKind.RecordKeptCreateMayRun or ReaperActionKind.NotOursRecordKept);
    }

    [Fact]
    public async Task The_reaper_runs_once_before_the_first_machine_of_a_process()
    {
        var first = Leftover("of-dead-one", LedgerState.Ready, s_dead);
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        Assert.False(_bed.OrbCtl.Exists(first));
        Assert.Equal($"info {first}", _bed.OrbCtl.Calls[0]);

        // Later provisioners of this process do not sweep again; an explicit ReapAsync does.
        var second = Leftover("of-dead-two", LedgerState.Ready, s_dead);
        await using var another = _bed.NewProvisioner("an0t");
        await _bed.Drive(() => another.EnsureAsync(MachineSpec.Create("db", "ubuntu")));
        Assert.True(_bed.OrbCtl.Exists(second));
        Assert.Equal(1, await _bed.Drive(() => another.ReapAsync()));
        Assert.False(_bed.OrbCtl.Exists(second));
    }

    [Fact]
    public async Task A_reaper_that_cannot_reach_orbctl_does_not_fail_provisioning_and_keeps_the_record()
    {
        var name = Leftover("of-dead-db", LedgerState.Ready, s_dead);
        _bed.OrbCtl.FailInfoOf = name;
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        Assert.Equal("of-t3st-db", machine.Name);
        Assert.Null(_bed.Ledger.Read(name)!.Claim); // kept, and no longer claimed
        Assert.Contains(_bed.Recorded.OfType<ReaperAction>(),
            r => r.Action == ReaperActionKind.CouldNotReap && r.Machine == name
            && r.Detail!.EndsWith(nameof(OrbCtlErrorKind.DaemonNotRunning), StringComparison.Ordinal));
    }
}
