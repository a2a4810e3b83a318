using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

using CreateStep = OrbFixtures.Tests.Provisioning.Fakes.CreateStep;

namespace OrbFixtures.Tests.Ownership;

/// <summary>No machine is adopted, started or deleted without proof: machines that appear under our name while our create
/// waits or runs, and records that prove nothing.</summary>
public sealed class ProofInTheFlowTests : IDisposable
{
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private void AssertUntouched(FakeMachine machine, string id, MachineState state)
    {
        Assert.True(_bed.OrbCtl.Exists(machine.Name));
        Assert.Equal((id, state), (machine.Id, machine.StateAt(_bed.Time.GetUtcNow())));
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("delete", StringComparison.Ordinal) || c.StartsWith("start", StringComparison.Ordinal)
                                                       || c.StartsWith("stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_machine_of_another_distro_that_appears_while_our_create_runs_is_not_adopted_and_the_create_is_killed()
    {
        FakeMachine? foreign = null;
        _bed.OrbCtl.BeforeCreate = async (request, token) =>
        {
            // Someone makes the machine by hand while our create is still starting up.
            foreign = new FakeMachine { Name = request.Name, Id = _bed.OrbCtl.NewId(), RunningAt = _bed.Time.GetUtcNow(), Distro = "debian", Version = "bookworm" };
            lock (_bed.OrbCtl.Machines) _bed.OrbCtl.Machines[request.Name] = foreign;
            await _bed.Time.DelayAsync(Timeout.InfiniteTimeSpan, token);
        };
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));
        var id = foreign!.Id;
        await provisioner.DisposeAsync();

        Assert.Equal(OrbCtlErrorKind.AlreadyExists, e.Kind);
        Assert.Equal(0, _bed.OrbCtl.ActiveCreates);
        var seen = Assert.Single(e.Log.OfType<ForeignMachineSeen>());
        Assert.NotNull(seen.CreateKilledAfter); // seen while our create ran, which was killed
        Assert.Equal(AttemptDecision.KilledForForeignMachine, Assert.Single(e.Log.OfType<AttemptFinished>(), a => a.Operation == Operation.Create).Decision);
        Assert.Empty(e.Log.OfType<MachineReady>());
        AssertUntouched(foreign, id, MachineState.Running);
        Assert.Null(_bed.Ledger.Read("of-t3st-db"));
    }

    [Fact]
    public async Task A_machine_made_while_we_waited_at_the_gate_is_not_adopted_even_from_the_same_image()
    {
        var foreign = MadeByHandBeforeOurCreate(TimeSpan.FromSeconds(5));
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));
        await provisioner.DisposeAsync();

        Assert.Equal(ReconcileReason.AlreadyExists, Assert.Single(e.Log.OfType<Reconciling>()).Reason);
        Assert.Equal(OrbCtlErrorKind.AlreadyExists, e.Kind);
        Assert.Empty(e.Log.OfType<MachineReady>());
        Assert.Empty(e.Log.OfType<OwnershipProven>());
        AssertUntouched(foreign.Value, foreign.Value.Id, MachineState.Running);
        Assert.Null(_bed.Ledger.Read("of-t3st-db"));
    }

    /// <summary>When our create starts, a machine of the same image already holds the name, made <paramref name="before"/>
    /// earlier (by hand, while our create waited at the gate).</summary>
    private Lazy<FakeMachine> MadeByHandBeforeOurCreate(TimeSpan before, MachineState? forced = null)
    {
        FakeMachine? made = null;
        _bed.OrbCtl.BeforeCreate = (request, _) =>
        {
            made ??= new FakeMachine
            {
                Name = request.Name, Id = Ulid.For(_bed.Time.GetUtcNow() - before, 7), RunningAt = _bed.Time.GetUtcNow() - before,
                Distro = "ubuntu", Version = "jammy", Forced = forced,
            };
            lock (_bed.OrbCtl.Machines) _bed.OrbCtl.Machines[request.Name] = made;
            return Task.CompletedTask;
        };
        return new Lazy<FakeMachine>(() => made!);
    }

    [Fact]
    public async Task Reconciling_after_a_timeout_adopts_the_machine_our_create_made()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(new CreateStep(CreateAction.TimeOutAfterCreate));
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(ReadyVia.Reconciled, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.Equal(machine.Id, Assert.Single(machine.Log.OfType<OwnershipProven>()).Id);
    }

    [Fact]
    public async Task A_stopped_machine_that_is_not_ours_is_never_started()
    {
        var foreign = MadeByHandBeforeOurCreate(TimeSpan.FromSeconds(2), MachineState.Stopped);
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        AssertUntouched(foreign.Value, foreign.Value.Id, MachineState.Stopped);
    }

    [Fact]
    public async Task A_reusable_create_that_meets_a_foreign_machine_leaves_no_record_and_no_lease_behind()
    {
        var foreign = MadeByHandBeforeOurCreate(TimeSpan.FromSeconds(3));
        var spec = MachineSpec.Create("cache", "ubuntu:22.04").WithReuse();
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });
        var name = provisioner.MachineNameFor(spec);

        await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(spec)));

        AssertUntouched(foreign.Value, foreign.Value.Id, MachineState.Running);
        Assert.Null(_bed.Ledger.Read(name));
    }
}
