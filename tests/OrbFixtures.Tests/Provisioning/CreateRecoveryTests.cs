using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

using CreateStep = OrbFixtures.Tests.Provisioning.Fakes.CreateStep;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>What happens when create hangs, times out, says "already exists" or is cancelled.</summary>
public sealed class CreateRecoveryTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_hung_create_is_adopted_by_the_watchdog_within_a_poll_interval()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Hang);
        await using var provisioner = _bed.NewProvisioner();
        var started = _bed.Time.GetUtcNow();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        // Running at 2 s; the watchdog polls at 1 s and 2 s: adopted at the first poll after the machine is ready.
        Assert.Equal(TimeSpan.FromSeconds(2), _bed.Time.GetUtcNow() - started);
        Assert.Equal(0, _bed.OrbCtl.ActiveCreates);
        Assert.Equal(["create of-t3st-db"], _bed.OrbCtl.Calls.Where(c => c.StartsWith("create", StringComparison.Ordinal)));
        var create = Assert.Single(machine.Log.OfType<AttemptFinished>(), a => a.Operation == Operation.Create);
        Assert.Equal((AttemptOutcome.Cancelled, AttemptDecision.KilledByWatchdog), (create.Outcome, create.Decision));
        var hang = Assert.Single(machine.Log.OfType<HangAdopted>());
        Assert.Equal(TimeSpan.FromSeconds(2), hang.After);
        Assert.Equal(ReadyVia.Watchdog, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.Contains(EventText.ProgressLine(machine.Log, hang), _bed.Progress);
        Assert.Equal(LedgerState.Ready, _bed.Ledger.Read(machine.Name)!.State);
    }

    [Fact]
    public async Task Without_the_watchdog_a_hung_create_recovers_by_reconciliation_after_the_timeout()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(new CreateStep(CreateAction.TimeOutAfterCreate));
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });
        var started = _bed.Time.GetUtcNow();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(_bed.OrbCtl.CreateTimeout, _bed.Time.GetUtcNow() - started);
        Assert.Equal(["info of-t3st-db", "create of-t3st-db", "info of-t3st-db", "run of-t3st-db true"], _bed.OrbCtl.Calls);
        var reconciling = Assert.Single(machine.Log.OfType<Reconciling>());
        Assert.Equal((ReconcileReason.CreateTimedOut, _bed.OrbCtl.CreateTimeout), (reconciling.Reason, reconciling.Timeout));
        Assert.Equal(ReadyVia.Reconciled, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
    }

    [Fact]
    public async Task An_already_exists_from_create_is_reconciled_into_a_ready_machine()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(new CreateStep(CreateAction.CreateThenAlreadyExists));
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(MachineState.Running, machine.Info.State);
        Assert.Single(_bed.OrbCtl.CreateTimes);
        Assert.Equal(ReconcileReason.AlreadyExists, Assert.Single(machine.Log.OfType<Reconciling>()).Reason);
        Assert.Equal(ReadyVia.Reconciled, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
    }

    [Fact]
    public async Task A_timed_out_create_that_made_nothing_is_retried_after_a_backoff()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(new CreateStep(CreateAction.TimeOutWithoutMachine));
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var times = _bed.OrbCtl.CreateTimes;
        Assert.Equal(2, times.Count);
        Assert.Equal(_bed.OrbCtl.CreateTimeout + TimeSpan.FromSeconds(1), times[1] - times[0]);
        Assert.Equal(new RetryScheduled(times[0] + _bed.OrbCtl.CreateTimeout, Operation.Create, 2, 4, TimeSpan.FromSeconds(1), RetryReason.AbsentAfterTimeout),
            Assert.Single(machine.Log.OfType<RetryScheduled>()));
    }

    [Fact]
    public async Task A_machine_that_exists_but_never_becomes_ready_fails_after_the_create_timeout()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(new CreateStep(CreateAction.TimeOutAfterCreate));
        _bed.OrbCtl.CreateDuration = TimeSpan.FromHours(1); // stuck in creating
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(OrbCtlErrorKind.TimedOut, e.Kind);
        Assert.Equal(OrbCtlErrorKind.TimedOut, Assert.Single(e.Log.OfType<ProvisioningFailed>()).Error);
        Assert.Equal("creating", e.Log.OfType<StateObserved>()[^1].State); // the last state seen, which the summary names
        Assert.Single(_bed.OrbCtl.CreateTimes);
        // It was ours (created this session, still creating, no ULID recorded yet): cleaned up, not leaked.
        Assert.False(_bed.OrbCtl.Exists("of-t3st-db"));
        Assert.Empty(_bed.Ledger.ReadAll());
    }

    [Fact]
    public async Task Cancelling_mid_create_kills_the_create_and_cleans_up_the_machine()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Hang);
        _bed.OrbCtl.CreateDuration = TimeSpan.FromMinutes(5);
        await using var provisioner = _bed.NewProvisioner();
        using var cts = new CancellationTokenSource();
        Task? task = null;

        await ProvisioningBed.OffContext(async () =>
        {
            task = provisioner.EnsureAsync(s_db, cts.Token);
            _bed.Time.Advance(TimeSpan.FromSeconds(3));
            await cts.CancelAsync();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task!);
        Assert.Equal(0, _bed.OrbCtl.ActiveCreates);
        Assert.False(_bed.OrbCtl.Exists("of-t3st-db"));
        Assert.Empty(_bed.Ledger.ReadAll());
    }
    [Fact]
    public async Task A_create_whose_output_cannot_be_read_is_reconciled_and_its_machine_adopted()
    {
        // orbctl made the machine but printed something unreadable: the outcome is unknown, so info decides.
        _bed.OrbCtl.BeforeCreate = (request, _) =>
        {
            _bed.OrbCtl.Machines[request.Name] = new FakeMachine
            {
                Name = request.Name, Id = _bed.OrbCtl.NewId(), RunningAt = _bed.Time.GetUtcNow(),
                Version = Distros.ResolveVersion(request.Distro, request.Version),
            };
            return Task.CompletedTask;
        };
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.MalformedOutput, ""));
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Single(_bed.OrbCtl.CreateTimes);
        var reconciling = Assert.Single(machine.Log.OfType<Reconciling>());
        Assert.Equal(ReconcileReason.UnreadableOutput, reconciling.Reason);
        Assert.Null(reconciling.Timeout); // only a timed-out create has a timeout to name
        Assert.Equal(ReadyVia.Reconciled, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.Equal(LedgerState.Ready, _bed.Ledger.Read(machine.Name)!.State);
    }

    [Fact]
    public async Task A_create_whose_output_cannot_be_read_and_that_made_nothing_is_retried()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.MalformedOutput, ""));
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(2, _bed.OrbCtl.CreateTimes.Count);
        Assert.Equal(RetryReason.AbsentAfterUnreadableOutput, Assert.Single(machine.Log.OfType<RetryScheduled>()).Reason);
        Assert.Equal(ReadyVia.Created, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
    }

    [Fact]
    public async Task A_machine_gone_right_after_its_create_succeeded_is_created_again_and_only_the_new_one_is_ours()
    {
        // Info 1 is the lookup, info 2 the first look after the create: the machine is gone by then.
        _bed.OrbCtl.BeforeInfo = (name, count) =>
        {
            if (count == 2) _bed.OrbCtl.Machines.Remove(name);
            return Task.CompletedTask;
        };
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var times = _bed.OrbCtl.CreateTimes;
        Assert.Equal(2, times.Count);
        Assert.Equal(RetryReason.GoneAfterCreate, Assert.Single(machine.Log.OfType<RetryScheduled>()).Reason);
        // The second create opened a new proof window: its own product was adopted, and the ledger says so.
        Assert.Equal(ReadyVia.Created, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        var record = _bed.Ledger.Read(machine.Name)!;
        Assert.Equal((_bed.OrbCtl.Machines[machine.Name].Id, times[1]), (record.Id, record.CreateStartedAt));
        Assert.Equal(record.Id, machine.Id);
    }

    [Fact]
    public async Task A_machine_of_this_session_that_disappears_while_it_is_adopted_is_created_anew()
    {
        var old = _bed.OrbCtl.AddMachine("of-t3st-db", MachineState.Creating);
        _bed.WriteRecord("of-t3st-db", old.Id, _bed.Liveness.Current, "t3st", LedgerState.Ready);
        // Info 1 is the lookup (the machine is still starting); by the next look it is gone.
        _bed.OrbCtl.BeforeInfo = (name, count) =>
        {
            if (count == 2) _bed.OrbCtl.Machines.Remove(name);
            return Task.CompletedTask;
        };
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.True(Assert.Single(machine.Log.OfType<LookedUp>(), l => l.Id is not null).Ours);
        Assert.Single(_bed.OrbCtl.CreateTimes);
        Assert.Equal(ReadyVia.Created, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.NotEqual(old.Id, machine.Id);
        Assert.Equal(machine.Id, _bed.Ledger.Read(machine.Name)!.Id);
    }
    [Fact]
    public async Task A_machine_that_vanishes_after_every_create_gives_up_after_the_maximum_attempts_as_transient()
    {
        _bed.OrbCtl.BeforeInfo = (name, count) =>
        {
            if (count >= 2) _bed.OrbCtl.Machines.Remove(name);
            return Task.CompletedTask;
        };
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(4, _bed.OrbCtl.CreateTimes.Count);
        Assert.All(e.Log.OfType<RetryScheduled>(), r => Assert.Equal(RetryReason.GoneAfterCreate, r.Reason));
        Assert.Equal(3, e.Log.OfType<RetryScheduled>().Count());
        // No orbctl error to carry: a vanished machine is worth another try, so the failure is transient.
        Assert.Equal(OrbCtlErrorKind.Transient, e.Kind);
        Assert.Null(e.InnerException);
        Assert.Equal(OrbCtlErrorKind.Transient, Assert.Single(e.Log.OfType<ProvisioningFailed>()).Error);
        Assert.Empty(_bed.Ledger.ReadAll());
    }
}
