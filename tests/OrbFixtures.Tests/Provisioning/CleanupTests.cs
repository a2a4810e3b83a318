using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class CleanupTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    public void Dispose() => _bed.Dispose();

    private async Task<(MachineProvisioner Provisioner, Machine Machine, int CallsBefore)> ProvisionAsync(
        CleanupPolicy? optionPolicy = null, MachineSpec? spec = null)
    {
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { Cleanup = optionPolicy ?? CleanupPolicy.Delete });
        var machine = await _bed.Drive(() => provisioner.EnsureAsync(spec ?? s_db));
        return (provisioner, machine, _bed.OrbCtl.Calls.Count);
    }

    private IReadOnlyList<string> CallsSince(int count) => _bed.OrbCtl.Calls.Skip(count).ToList();

    [Fact]
    public async Task By_default_teardown_deletes_the_machine_after_checking_its_ULID()
    {
        var (provisioner, machine, before) = await ProvisionAsync();

        await provisioner.DisposeAsync();

        Assert.Equal(["info of-t3st-db", "delete of-t3st-db"], CallsSince(before));
        Assert.False(_bed.OrbCtl.Exists(machine.Name));
        Assert.Empty(_bed.Ledger.ReadAll());
    }

    [Fact]
    public async Task Teardown_never_deletes_a_machine_whose_ULID_changed()
    {
        var (provisioner, machine, before) = await ProvisionAsync();
        _bed.OrbCtl.Machines[machine.Name].Id = _bed.OrbCtl.NewId(); // someone replaced it

        await provisioner.DisposeAsync();

        Assert.Equal(["info of-t3st-db"], CallsSince(before));
        Assert.True(_bed.OrbCtl.Exists(machine.Name));
        Assert.Contains(_bed.Progress, l => l.Contains($"teardown: left {machine.Name} alone: its ULID", StringComparison.Ordinal)
                                            && l.Contains($"is not the recorded {machine.Id}", StringComparison.Ordinal));
        Assert.Null(_bed.Ledger.Read(machine.Name));
    }

    [Fact]
    public async Task The_stop_policy_stops_the_machine_and_leaves_it_to_a_later_reaper()
    {
        var (provisioner, machine, before) = await ProvisionAsync(CleanupPolicy.Stop);

        await provisioner.DisposeAsync();

        Assert.Equal(["info of-t3st-db", "stop of-t3st-db"], CallsSince(before));
        Assert.Equal(MachineState.Stopped, _bed.OrbCtl.Machines[machine.Name].Forced);
        Assert.Equal(machine.Id, _bed.Ledger.Read(machine.Name)!.Id);
    }

    [Fact]
    public async Task The_keep_policy_leaves_the_machine_running_and_forgets_it()
    {
        var (provisioner, machine, before) = await ProvisionAsync(spec: s_db.WithCleanup(CleanupPolicy.Keep));

        await provisioner.DisposeAsync();

        Assert.Empty(CallsSince(before));
        Assert.True(_bed.OrbCtl.Exists(machine.Name));
        Assert.Null(_bed.Ledger.Read(machine.Name));
    }

    [Fact]
    public async Task Keep_on_failure_keeps_a_machine_a_failed_test_used_and_says_how_to_reach_it()
    {
        var (provisioner, machine, before) = await ProvisionAsync(CleanupPolicy.KeepOnFailure);
        machine.RecordTestFailure("Db_tests.I_can_query");

        await provisioner.DisposeAsync();

        Assert.Empty(CallsSince(before));
        Assert.True(_bed.OrbCtl.Exists(machine.Name));
        Assert.Equal(LedgerState.Kept, _bed.Ledger.Read(machine.Name)!.State);
        // How to reach it is in the sentence (EventTextTests); here: the event, with the machine and the failed test.
        var kept = Assert.Single(machine.Log.OfType<CleanedUp>());
        Assert.Equal((machine.Name, CleanupOutcome.KeptForFailedTests, "Db_tests.I_can_query"), (kept.Name, kept.Outcome, kept.Detail));
        Assert.Contains(EventText.ProgressLine(machine.Log, kept), _bed.Progress);
    }

    [Fact]
    public async Task Keep_on_failure_deletes_a_machine_whose_tests_passed()
    {
        var (provisioner, machine, before) = await ProvisionAsync(CleanupPolicy.KeepOnFailure);

        await provisioner.DisposeAsync();

        Assert.Equal(["info of-t3st-db", "delete of-t3st-db"], CallsSince(before));
        Assert.False(_bed.OrbCtl.Exists(machine.Name));
    }

    [Fact]
    public async Task Keep_on_failure_keeps_a_machine_whose_provisioning_failed_for_inspection()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(new Fakes.CreateStep(Fakes.CreateAction.TimeOutAfterCreate));
        _bed.OrbCtl.CreateDuration = TimeSpan.FromHours(1);
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Cleanup = CleanupPolicy.KeepOnFailure, Watchdog = false });

        await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.True(_bed.OrbCtl.Exists("of-t3st-db"));
        Assert.Equal(LedgerState.Kept, _bed.Ledger.Read("of-t3st-db")!.State);
        Assert.Contains(_bed.Progress, l => l.Contains("kept for inspection", StringComparison.Ordinal) && l.Contains("ssh of-t3st-db@orb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Releasing_twice_cleans_up_once()
    {
        var (provisioner, _, before) = await ProvisionAsync();

        await provisioner.ReleaseAllAsync();
        await provisioner.ReleaseAllAsync();
        await provisioner.DisposeAsync();

        Assert.Equal(["info of-t3st-db", "delete of-t3st-db"], CallsSince(before));
    }

    [Fact]
    public async Task A_machine_that_cannot_be_deleted_keeps_its_record_and_the_others_are_still_released()
    {
        var provisioner = _bed.NewProvisioner();
        var db = await _bed.Drive(() => provisioner.EnsureAsync(s_db));
        var web = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("web", "debian")));
        _bed.OrbCtl.FailDeleteOf = db.Name;

        var e = await Assert.ThrowsAsync<AggregateException>(() => provisioner.ReleaseAllAsync());

        Assert.IsType<OrbCtlException>(Assert.Single(e.InnerExceptions));
        Assert.NotNull(_bed.Ledger.Read(db.Name));
        Assert.False(_bed.OrbCtl.Exists(web.Name));
        Assert.Null(_bed.Ledger.Read(web.Name));
    }

    [Fact]
    public async Task Using_a_disposed_provisioner_is_an_error()
    {
        var provisioner = _bed.NewProvisioner();
        await provisioner.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => provisioner.EnsureAsync(s_db));
    }
}
