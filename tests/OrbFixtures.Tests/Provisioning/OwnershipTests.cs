using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class OwnershipTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_foreign_machine_with_the_same_name_is_refused_and_left_untouched()
    {
        var foreign = _bed.OrbCtl.AddMachine("of-t3st-db");
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(OrbCtlErrorKind.AlreadyExists, e.Kind);
        var lookup = Assert.Single(e.Log.OfType<LookedUp>());
        Assert.Equal((foreign.Id, false), (lookup.Id, lookup.Ours));
        Assert.Empty(e.Log.OfType<CreateStarted>());
        Assert.Equal(["info of-t3st-db"], _bed.OrbCtl.Calls);
        Assert.True(_bed.OrbCtl.Exists("of-t3st-db"));
        Assert.Equal(MachineState.Running, foreign.StateAt(_bed.Time.GetUtcNow()));
        Assert.Empty(_bed.Ledger.ReadAll());
    }

    [Fact]
    public async Task A_machine_of_another_live_session_is_refused_left_untouched_and_the_message_reads_whose_it_is()
    {
        var other = new ProcessIdentity(2000, FakeLiveness.Started);
        _bed.Liveness.Alive.Add(other);
        var machine = _bed.OrbCtl.AddMachine("of-t3st-db");
        var record = _bed.WriteRecord("of-t3st-db", machine.Id, other, "t3st", LedgerState.Ready);
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.False(Assert.Single(e.Log.OfType<LookedUp>()).Ours);
        // The one test of how a foreign machine's refusal reads: whose it is, and why that owner still counts.
        Assert.Contains("it belongs to session 't3st' of process 2000 on testhost (pid:[4026531836]), which is still running", e.Message, StringComparison.Ordinal);
        Assert.Equal(["info of-t3st-db"], _bed.OrbCtl.Calls);
        Assert.Equal(record.Revision, _bed.Ledger.Read("of-t3st-db")!.Revision);
    }

    public enum Refusal { OtherWorld, OtherKind, SameSessionIdOnAnotherHost }

    [Theory]
    [InlineData(Refusal.OtherWorld)]
    [InlineData(Refusal.OtherKind)]
    [InlineData(Refusal.SameSessionIdOnAnotherHost)]
    public async Task A_record_that_proves_the_ULID_but_not_that_this_session_may_adopt_it_is_refused(Refusal refusal)
    {
        var machine = _bed.OrbCtl.AddMachine("of-t3st-db");
        var record = refusal switch
        {
            Refusal.OtherWorld => _bed.WriteRecord("of-t3st-db", machine.Id, _bed.Liveness.Current, "t3st", LedgerState.Ready,
                world: "orbctl=/Applications/OrbStack.app/orbctl"),
            Refusal.OtherKind => _bed.WriteRecord("of-t3st-db", machine.Id, _bed.Liveness.Current, "t3st", LedgerState.Reusable,
                kind: MachineKind.Reusable),
            _ => _bed.WriteRecord("of-t3st-db", machine.Id, _bed.Liveness.Current, "t3st", LedgerState.Ready,
                place: FakeLiveness.Here with { HostId = "machine-id:other", HostName = "otherhost" }),
        };
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(OrbCtlErrorKind.AlreadyExists, e.Kind);
        var lookup = Assert.Single(e.Log.OfType<LookedUp>());
        Assert.Equal((machine.Id, false), (lookup.Id, lookup.Ours));
        // The refusal names what decided it: the other world, or the owner it belongs to.
        if (refusal == Refusal.OtherWorld) Assert.Contains(record.World, lookup.Reason, StringComparison.Ordinal);
        if (refusal == Refusal.SameSessionIdOnAnotherHost)
            Assert.Contains(record.Owner.ToString(), lookup.Reason, StringComparison.Ordinal);
        Assert.Equal(["info of-t3st-db"], _bed.OrbCtl.Calls);
        Assert.True(_bed.OrbCtl.Exists("of-t3st-db"));
        Assert.Equal(record.Revision, _bed.Ledger.Read("of-t3st-db")!.Revision);
    }

    [Fact]
    public async Task A_machine_whose_ULID_no_longer_matches_the_ledger_is_refused()
    {
        var machine = _bed.OrbCtl.AddMachine("of-t3st-db");
        var old = Ulid.For(_bed.Time.GetUtcNow().AddDays(-1));
        _bed.WriteRecord("of-t3st-db", old, _bed.Liveness.Current, "t3st", LedgerState.Ready);
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        var lookup = Assert.Single(e.Log.OfType<LookedUp>());
        Assert.Equal((false, machine.Id), (lookup.Ours, lookup.Id)); // refused: its ULID is not the recorded one
        Assert.True(_bed.OrbCtl.Exists("of-t3st-db"));
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task I_adopt_a_stopped_machine_this_session_owns_by_starting_it_without_a_create()
    {
        var machine = _bed.OrbCtl.AddMachine("of-t3st-db", MachineState.Stopped);
        _bed.WriteRecord("of-t3st-db", machine.Id, _bed.Liveness.Current, "t3st", LedgerState.Ready);
        await using var provisioner = _bed.NewProvisioner();

        var adopted = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(machine.Id, adopted.Id);
        Assert.Equal(["info of-t3st-db", "start of-t3st-db", "info of-t3st-db", "run of-t3st-db true"], _bed.OrbCtl.Calls);
        Assert.True(Assert.Single(adopted.Log.OfType<LookedUp>()).Ours);
        var ready = Assert.Single(adopted.Log.OfType<MachineReady>());
        Assert.Equal(ReadyVia.Adopted, ready.Via);
        Assert.Contains(EventText.ProgressLine(adopted.Log, ready), _bed.Progress);
    }

    [Fact]
    public async Task I_adopt_a_machine_this_session_recorded_before_it_had_a_ULID()
    {
        var machine = _bed.OrbCtl.AddMachine("of-t3st-db");
        _bed.WriteRecord("of-t3st-db", null, _bed.Liveness.Current, "t3st", LedgerState.Creating);
        await using var provisioner = _bed.NewProvisioner();

        var adopted = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(machine.Id, _bed.Ledger.Read("of-t3st-db")!.Id);
        Assert.Equal(machine.Id, adopted.Id);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asking_twice_for_the_same_spec_returns_the_same_machine_without_more_calls()
    {
        await using var provisioner = _bed.NewProvisioner();
        var first = await _bed.Drive(() => provisioner.EnsureAsync(s_db));
        var calls = _bed.OrbCtl.Calls.Count;

        var second = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu:22.04")));

        Assert.Same(first, second);
        Assert.Equal(calls, _bed.OrbCtl.Calls.Count);
        Assert.Single(provisioner.Logs);
    }

    [Fact]
    public async Task Asking_for_a_logical_name_again_with_another_spec_is_rejected()
    {
        await using var provisioner = _bed.NewProvisioner();
        await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => provisioner.EnsureAsync(s_db.WithUser("app")));

        Assert.Equal("spec", e.ParamName);
        Assert.Single(provisioner.Logs); // nothing was provisioned for the second spec
    }

    [Fact]
    public async Task Independent_machines_get_their_own_names_and_histories()
    {
        await using var provisioner = _bed.NewProvisioner();

        var machines = await _bed.Drive(() => Task.WhenAll(
            provisioner.EnsureAsync(s_db), provisioner.EnsureAsync(MachineSpec.Create("web", "debian"))));

        Assert.Equal(["of-t3st-db", "of-t3st-web"], machines.Select(m => m.Name));
        Assert.Equal(["machine 'db' (of-t3st-db)", "machine 'web' (of-t3st-web)"], provisioner.Logs.Select(h => h.Subject).Order());
        Assert.Equal(2, _bed.OrbCtl.MaxActiveCreates); // provisioned in parallel
    }
}
