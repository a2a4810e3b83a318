using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class ReuseTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_cache = MachineSpec.Create("cache", "alpine").WithReuse();

    public void Dispose() => _bed.Dispose();

    private async Task<Machine> RunSessionAsync(string sessionId, MachineSpec spec, IProcessLiveness? liveness = null)
    {
        await using var provisioner = _bed.NewProvisioner(sessionId, liveness: liveness);
        return await _bed.Drive(() => provisioner.EnsureAsync(spec));
    }

    private string NameOf(MachineSpec spec) => _bed.NewProvisioner("nnnn").MachineNameFor(spec);

    [Fact]
    public async Task A_reusable_machine_is_kept_at_the_end_under_a_name_of_its_spec_with_no_lease_left()
    {
        var machine = await RunSessionAsync("aaaa", s_cache);

        Assert.Matches("^of-reuse-cache-[0-9a-f]{8}\\z", machine.Name);
        Assert.True(_bed.OrbCtl.Exists(machine.Name));
        var record = _bed.Ledger.Read(machine.Name)!;
        Assert.Equal((LedgerState.Reusable, MachineKind.Reusable, machine.Id), (record.State, record.Kind, record.Id));
        Assert.Empty(record.Leases);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_later_session_adopts_the_reusable_machine_without_a_create()
    {
        var first = await RunSessionAsync("aaaa", s_cache);
        var before = _bed.OrbCtl.Calls.Count;

        var second = await RunSessionAsync("bbbb", MachineSpec.Create("cache", "alpine").WithReuse());

        Assert.Equal(first.Id, second.Id);
        Assert.Equal([$"info {first.Name}", $"run {first.Name} true"], _bed.OrbCtl.Calls.Skip(before));
        Assert.Equal(ReadyVia.Reused, Assert.Single(second.Log.OfType<MachineReady>()).Via);
        Assert.Equal(LedgerState.Reusable, _bed.Ledger.Read(first.Name)!.State);
    }

    [Fact]
    public async Task A_changed_spec_gets_a_machine_of_its_own_and_never_touches_the_old_one()
    {
        var first = await RunSessionAsync("aaaa", s_cache);
        var before = _bed.OrbCtl.Calls.Count;

        var second = await RunSessionAsync("bbbb", s_cache.WithUser("app"));

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal([$"info {second.Name}", $"create {second.Name}"], _bed.OrbCtl.Calls.Skip(before).Take(2));
        Assert.DoesNotContain(_bed.OrbCtl.Calls.Skip(before), c => c.Contains(first.Name, StringComparison.Ordinal));
        Assert.Equal(first.Id, _bed.Ledger.Read(first.Name)!.Id);
        Assert.True(_bed.OrbCtl.Exists(first.Name));
    }

    [Fact]
    public async Task A_machine_with_a_reuse_name_but_no_ledger_record_is_foreign()
    {
        var name = NameOf(s_cache);
        _bed.OrbCtl.AddMachine(name);
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_cache)));

        Assert.False(Assert.Single(e.Log.OfType<LookedUp>()).Ours);
        Assert.Null(_bed.Ledger.Read(name)); // nothing recorded that would make it ours
        Assert.Equal([$"info {name}"], _bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task A_reusable_record_of_another_spec_under_the_name_proves_nothing()
    {
        var name = NameOf(s_cache);
        var machine = _bed.OrbCtl.AddMachine(name);
        _bed.WriteRecord(name, machine.Id, new ProcessIdentity(3000, FakeLiveness.Started), "zzzz", LedgerState.Reusable,
            specHash: "someotherhash00", kind: MachineKind.Reusable);
        await using var provisioner = _bed.NewProvisioner("bbbb");

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_cache)));

        Assert.False(Assert.Single(e.Log.OfType<LookedUp>()).Ours);
        Assert.Equal("someotherhash00", _bed.Ledger.Read(name)!.SpecHash); // the other spec's record, untouched
        Assert.Equal([$"info {name}"], _bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task Each_session_holds_a_lease_and_the_machine_is_free_only_when_the_last_lease_ends()
    {
        var other = new FakeLiveness { Current = new ProcessIdentity(2000, FakeLiveness.Started) };
        _bed.Liveness.Alive.Add(other.Current);
        other.Alive.Add(_bed.Liveness.Current);
        await using var a = _bed.NewProvisioner("aaaa");
        await using var b = _bed.NewProvisioner("bbbb", liveness: other);
        var first = await _bed.Drive(() => a.EnsureAsync(s_cache));
        var second = await _bed.Drive(() => b.EnsureAsync(s_cache));
        Assert.Equal(["aaaa", "bbbb"], _bed.Ledger.Read(first.Name)!.Leases.Select(l => l.SessionId));

        await a.DisposeAsync();
        Assert.Equal(["bbbb"], _bed.Ledger.Read(first.Name)!.Leases.Select(l => l.SessionId));
        Assert.Contains(_bed.Progress, l => l.Contains("kept running for reuse; 1 other session still leases it", StringComparison.Ordinal));

        await b.DisposeAsync();
        var record = _bed.Ledger.Read(first.Name)!;
        Assert.Empty(record.Leases);
        Assert.Equal((second.Id, LedgerState.Reusable), (record.Id, record.State));
    }

    [Fact]
    public async Task A_lease_end_never_writes_a_stale_ULID_over_a_record_that_changed()
    {
        await using var a = _bed.NewProvisioner("aaaa");
        var machine = await _bed.Drive(() => a.EnsureAsync(s_cache));
        var replaced = _bed.Ledger.Write(_bed.Ledger.Read(machine.Name)! with { Id = _bed.OrbCtl.NewId() });

        await a.DisposeAsync();

        var record = _bed.Ledger.Read(machine.Name)!;
        Assert.Equal((replaced.Revision, replaced.Id), (record.Revision, record.Id));
        Assert.Contains(_bed.Progress, l => l.Contains("not recorded for reuse: the ledger now records ULID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reaper_drops_dead_leases_and_collects_a_free_machine_only_after_the_retention()
    {
        var dead = new ProcessIdentity(3000, FakeLiveness.Started);
        var name = NameOf(s_cache);
        var machine = _bed.OrbCtl.AddMachine(name, id: _bed.OrbCtl.NewId());
        var deadLease = new SessionOwner("dddd", dead.Pid, dead.StartTime, FakeLiveness.Here);
        _bed.WriteRecord(name, machine.Id, dead, "dddd", LedgerState.Reusable, kind: MachineKind.Reusable, leases: [deadLease]);
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));
        Assert.Empty(_bed.Ledger.Read(name)!.Leases);
        Assert.True(_bed.OrbCtl.Exists(name));

        _bed.Time.Advance(_bed.Options.ReuseRetention + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _bed.Drive(() => provisioner.ReapAsync()));
        Assert.False(_bed.OrbCtl.Exists(name));
        Assert.Null(_bed.Ledger.Read(name));
    }

    [Fact]
    public async Task A_reusable_machine_with_a_lease_elsewhere_is_never_collected()
    {
        var name = NameOf(s_cache);
        var machine = _bed.OrbCtl.AddMachine(name);
        var elsewhere = new SessionOwner("eeee", 1, FakeLiveness.Started, FakeLiveness.Here with { PidNamespace = "pid:[4026532999]" });
        _bed.WriteRecord(name, machine.Id, new ProcessIdentity(1, FakeLiveness.Started), "eeee", LedgerState.Reusable,
            kind: MachineKind.Reusable, place: elsewhere.Place, leases: [elsewhere]);
        _bed.Time.Advance(_bed.Options.ReuseRetention * 2);
        await using var provisioner = _bed.NewProvisioner();

        Assert.Equal(0, await _bed.Drive(() => provisioner.ReapAsync()));

        Assert.True(_bed.OrbCtl.Exists(name));
        Assert.Equal(["eeee"], _bed.Ledger.Read(name)!.Leases.Select(l => l.SessionId));
        Assert.Empty(_bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task A_session_waits_for_another_that_provisions_the_same_shared_name()
    {
        var name = NameOf(s_cache);
        var held = FileLock.TryAcquire(new StateDirectory(_bed.StateDirectory).NameLockPath(name))!; // another process provisions it
        await using var provisioner = _bed.NewProvisioner();

        Task<Machine> ensure = null!;
        await Task.Run(() =>
        {
            ensure = provisioner.EnsureAsync(s_cache);
            for (var i = 0; i < 100; i++) _bed.Time.Advance(ProvisioningBed.Step); // 10 s of fake time
        });

        Assert.False(ensure.IsCompleted);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.Contains(name, StringComparison.Ordinal));
        Assert.Contains(_bed.Progress, l => l.Contains("another process is provisioning this shared machine; waiting for it", StringComparison.Ordinal));

        held.Dispose();
        var machine = await _bed.Drive(() => ensure);
        Assert.Equal(name, machine.Name);
        Assert.Equal($"info {name}", _bed.OrbCtl.Calls[0]);
    }
}
