using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

using CreateStep = OrbFixtures.Tests.Provisioning.Fakes.CreateStep;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>What create-or-adopt records, and when: each step's event, the ledger record before and during a create,
/// and the leases an adoption writes.</summary>
public sealed class CreateStepsTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");
    private static readonly MachineSpec s_cache = MachineSpec.Create("cache", "alpine").WithReuse();

    public void Dispose() => _bed.Dispose();

    private static int IndexOf<T>(Machine machine) where T : MachineEvent =>
        machine.Log.Events.ToList().FindIndex(e => e is T);

    [Fact]
    public async Task A_fresh_create_records_the_lookup_the_intent_the_gate_the_create_and_its_reconciliation_once_each_in_order()
    {
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var lookedUp = Assert.Single(machine.Log.OfType<LookedUp>());
        Assert.Equal((null, null, null), (lookedUp.Id, lookedUp.State, lookedUp.Ours)); // nothing was there
        Assert.Single(machine.Log.OfType<IntentRecorded>());
        var gate = Assert.Single(machine.Log.OfType<GateEntered>());
        Assert.Equal((TimeSpan.Zero, 1, 2), (gate.Waited, gate.InUse, gate.Limit));
        var create = Assert.Single(machine.Log.OfType<CreateStarted>());
        Assert.Equal((false, null), (create.WithUserData, create.WatchdogPoll)); // no user data, no watchdog
        Assert.Equal(ReconcileReason.CreateSucceeded, Assert.Single(machine.Log.OfType<Reconciling>()).Reason);
        int[] order = [IndexOf<LookedUp>(machine), IndexOf<IntentRecorded>(machine), IndexOf<GateEntered>(machine),
            IndexOf<CreateStarted>(machine), IndexOf<Reconciling>(machine), IndexOf<MachineReady>(machine)];
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task A_create_with_user_data_and_the_watchdog_says_so_when_it_starts()
    {
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db.WithUserData("#cloud-config\n")));

        var create = Assert.Single(machine.Log.OfType<CreateStarted>());
        Assert.Equal((true, _bed.Options.PollInterval), (create.WithUserData, create.WatchdogPoll));
    }

    [Fact]
    public async Task The_intent_is_on_record_while_the_create_waits_at_the_gate_and_its_start_time_once_it_enters() =>
        await ProvisioningBed.OffContext(async () =>
        {
            // A process that dies while it waits at the gate leaves a record the next run's reaper finds; the proof window
            // opens only when this create may run, so a machine made by anyone while it waited stays foreign.
            var gate = new CreateGate(1);
            var held = await gate.EnterAsync(CancellationToken.None);
            LedgerRecord? duringCreate = null;
            // Not inline: the test must not go on inside the create's own call.
            var reachedCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _bed.OrbCtl.BeforeCreate = (request, _) =>
            {
                duringCreate = _bed.Ledger.Read(request.Name);
                reachedCreate.TrySetResult();
                return Task.CompletedTask;
            };
            await using var provisioner = _bed.NewProvisioner(gate: gate, options: _bed.Options with { Watchdog = false });

            var ensure = provisioner.EnsureAsync(s_db);
            _bed.Time.Advance(TimeSpan.FromSeconds(1));

            Assert.False(ensure.IsCompleted);
            Assert.Equal(["info of-t3st-db"], _bed.OrbCtl.Calls);
            var waiting = _bed.Ledger.Read("of-t3st-db");
            Assert.NotNull(waiting);
            Assert.Equal((LedgerState.Creating, null), (waiting.State, waiting.CreateStartedAt));
            var released = _bed.Time.GetUtcNow();
            held.Dispose();
            await reachedCreate.Task;
            _bed.Advance(ensure);
            var machine = await ensure;

            var entered = Assert.Single(machine.Log.OfType<GateEntered>());
            Assert.Equal((TimeSpan.FromSeconds(1), 1, 1), (entered.Waited, entered.InUse, entered.Limit));
            Assert.NotNull(duringCreate);
            Assert.Equal((LedgerState.Creating, released), (duringCreate.State, duringCreate.CreateStartedAt));
        });

    [Fact]
    public async Task A_scheduled_retry_carries_what_orbctl_said()
    {
        const string Stderr = "[-32098] create 'of-t3st-db': setup: machine didn't start in 30s (missing IP address)";
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Transient, Stderr));
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var retry = Assert.Single(machine.Log.OfType<RetryScheduled>());
        Assert.Equal(RetryReason.TransientFailure, retry.Reason);
        Assert.Contains(Stderr, retry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Giving_up_after_the_last_attempt_quotes_what_orbctl_said_last()
    {
        const string Stderr = "timed out waiting for services to start";
        for (var i = 0; i < _bed.Options.Retry.MaxAttempts; i++)
            _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.DaemonNotRunning, Stderr));
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(OrbCtlErrorKind.DaemonNotRunning, e.Kind);
        Assert.Contains(Stderr, e.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_failure_without_a_hint_ends_with_orbctls_words()
    {
        const string Stderr = "something orbctl never said before";
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Unknown, Stderr));
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Null(Assert.IsType<OrbCtlException>(e.InnerException).Hint);
        var quoted = '"' + Stderr + '"';
        Assert.EndsWith(quoted, e.Summary, StringComparison.Ordinal); // nothing appended when there is no hint
    }

    [Fact]
    public async Task A_rejected_image_fails_with_the_clients_hint_after_orbctls_words()
    {
        const string Stderr = "[-32098] create 'of-t3st-db': invalid distro: rhel";
        var hint = Distros.RejectedImageHint("rhel");
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.InvalidArgument, Stderr) with { Hint = hint });
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(OrbCtlErrorKind.InvalidArgument, e.Kind);
        Assert.EndsWith(hint, e.Summary, StringComparison.Ordinal);
        Assert.Contains(Stderr, e.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusing_a_foreign_machine_names_why_it_is_not_ours()
    {
        _bed.OrbCtl.AddMachine("of-t3st-db");
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        var lookedUp = Assert.Single(e.Log.OfType<LookedUp>());
        Assert.False(lookedUp.Ours);
        Assert.NotNull(lookedUp.Reason);
        Assert.Contains(lookedUp.Reason, e.Summary, StringComparison.Ordinal);
        Assert.Contains(e.MachineName, e.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopting_its_own_session_machine_takes_no_lease_on_it()
    {
        var existing = _bed.OrbCtl.AddMachine("of-t3st-db");
        _bed.WriteRecord("of-t3st-db", existing.Id, _bed.Liveness.Current, "t3st", LedgerState.Ready);
        IReadOnlyList<SessionOwner>? whileWaiting = null;
        _bed.OrbCtl.OnRun = r =>
        {
            whileWaiting ??= _bed.Ledger.Read(r.Machine)!.Leases;
            return null;
        };
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(ReadyVia.Adopted, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.NotNull(whileWaiting);
        Assert.Empty(whileWaiting);
    }

    [Fact]
    public async Task Adopting_a_reusable_machine_holds_this_sessions_lease_before_its_readiness_is_checked()
    {
        await using (var first = _bed.NewProvisioner("aaaa"))
            await _bed.Drive(() => first.EnsureAsync(s_cache));
        IReadOnlyList<SessionOwner>? whileWaiting = null;
        _bed.OrbCtl.OnRun = r =>
        {
            whileWaiting ??= _bed.Ledger.Read(r.Machine)!.Leases;
            return null;
        };
        await using var second = _bed.NewProvisioner("bbbb");

        var machine = await _bed.Drive(() => second.EnsureAsync(s_cache));

        Assert.Equal(ReadyVia.Reused, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.NotNull(whileWaiting);
        Assert.Equal(["bbbb"], whileWaiting.Select(l => l.SessionId));
    }

    [Fact]
    public async Task A_reusable_machine_that_never_gets_ready_for_this_session_loses_only_its_lease()
    {
        await using (var first = _bed.NewProvisioner("aaaa"))
            await _bed.Drive(() => first.EnsureAsync(s_cache));
        _bed.OrbCtl.OnRun = _ => new CommandResult(1, "", "", TimeSpan.Zero);
        await using var second = _bed.NewProvisioner("bbbb");

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => second.EnsureAsync(s_cache)));

        Assert.Equal(OrbCtlErrorKind.TimedOut, e.Kind);
        Assert.True(_bed.OrbCtl.Exists(e.MachineName)); // others may lease it
        var record = _bed.Ledger.Read(e.MachineName)!;
        Assert.Equal(LedgerState.Reusable, record.State);
        Assert.Empty(record.Leases); // this session's lease ended with its failure
    }

    [Fact]
    public async Task An_adopted_machine_that_vanishes_before_it_is_ready_is_noted_and_created_anew()
    {
        var existing = _bed.OrbCtl.AddMachine("of-t3st-db");
        _bed.WriteRecord("of-t3st-db", existing.Id, _bed.Liveness.Current, "t3st", LedgerState.Ready);
        _bed.OrbCtl.OnRun = r =>
        {
            // It goes while its first readiness probe runs (deleted by hand, say).
            _bed.OrbCtl.Machines.Remove(r.Machine);
            _bed.OrbCtl.OnRun = null;
            return new CommandResult(1, "", "", TimeSpan.Zero);
        };
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.NotEqual(existing.Id, machine.Id);
        Assert.True(Assert.Single(machine.Log.OfType<LookedUp>()).Ours);
        Assert.Single(machine.Log.OfType<Note>());
        Assert.True(IndexOf<Note>(machine) < IndexOf<CreateStarted>(machine));
        Assert.Single(machine.Log.OfType<CreateStarted>());
        Assert.Equal(machine.Id, _bed.Ledger.Read(machine.Name)!.Id);
    }
}
