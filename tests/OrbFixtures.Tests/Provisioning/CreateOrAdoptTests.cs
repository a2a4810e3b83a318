using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using OrbFixtures.Validation;
using Xunit;

using CreateStep = OrbFixtures.Tests.Provisioning.Fakes.CreateStep;

namespace OrbFixtures.Tests.Provisioning;

public sealed class CreateOrAdoptTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task I_get_a_ready_machine_with_the_minimum_calls()
    {
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal("of-t3st-db", machine.Name);
        Assert.Equal("db", machine.LogicalName);
        Assert.Equal(MachineState.Running, machine.Info.State);
        Assert.Equal("192.168.138.7", machine.IPv4);
        // Lookup, create (2 s; the watchdog polls once, at 1 s, and sees it creating), then readiness: info + probe.
        Assert.Equal(["info of-t3st-db", "create of-t3st-db", "info of-t3st-db", "info of-t3st-db", "run of-t3st-db true"],
            _bed.OrbCtl.Calls);
        var record = _bed.Ledger.Read("of-t3st-db");
        Assert.NotNull(record);
        Assert.Equal(LedgerState.Ready, record.State);
        Assert.Equal(machine.Id, record.Id);
        Assert.Equal("t3st", record.Owner.SessionId);
        Assert.Equal(_bed.Liveness.Current.Pid, record.Owner.Pid);
    }

    [Fact]
    public async Task Without_the_watchdog_a_create_costs_exactly_lookup_create_info_and_probe()
    {
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        Assert.Equal(["info of-t3st-db", "create of-t3st-db", "info of-t3st-db", "run of-t3st-db true"], _bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task An_invalid_spec_fails_before_any_orbctl_call()
    {
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu:24 04")));

        Assert.Equal("spec", e.ParamName);
        Assert.Contains(ArgvRules.ImageTokenRule, e.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.OrbCtl.Calls);
        Assert.Empty(_bed.Ledger.ReadAll());
    }

    [Fact]
    public async Task A_logical_name_that_makes_the_real_name_too_long_fails_before_any_call()
    {
        await using var provisioner = _bed.NewProvisioner();
        var longName = new string('a', 60);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => provisioner.EnsureAsync(MachineSpec.Create(longName, "ubuntu")));

        Assert.Equal("spec", e.ParamName);
        Assert.Contains(MachineNames.Problem("of-t3st-" + longName)!, e.Message, StringComparison.Ordinal); // names it and the limit
        Assert.Empty(_bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_until_create_succeeds()
    {
        const string Stderr = "[-32098] create 'of-t3st-db': setup: machine didn't start in 30s (missing IP address)";
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Transient, Stderr));
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Transient, Stderr));
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var creates = machine.Log.OfType<AttemptFinished>().Where(a => a.Operation == Operation.Create).ToList();
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Failed, AttemptOutcome.Succeeded], creates.Select(a => a.Outcome));
        var times = _bed.OrbCtl.CreateTimes;
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], [times[1] - times[0], times[2] - times[1]]);
        var retries = machine.Log.OfType<RetryScheduled>();
        Assert.Equal([(2, TimeSpan.FromSeconds(1)), (3, TimeSpan.FromSeconds(2))], retries.Select(r => (r.NextAttempt, r.Delay)));
        Assert.All(retries, r => Assert.Equal((Operation.Create, RetryReason.TransientFailure, 4), (r.Operation, r.Reason, r.MaxAttempts)));
    }

    [Fact]
    public async Task Transient_failures_give_up_after_the_maximum_attempts_and_leave_nothing_behind()
    {
        for (var i = 0; i < 4; i++)
            _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.DaemonNotRunning, "timed out waiting for services to start"));
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(4, _bed.OrbCtl.CreateTimes.Count);
        Assert.Equal(OrbCtlErrorKind.DaemonNotRunning, e.Kind);
        Assert.Equal([1, 2, 3, 4], e.Log.OfType<CreateStarted>().Select(c => c.Attempt));
        Assert.Equal(3, e.Log.OfType<RetryScheduled>().Count);
        Assert.Equal(OrbCtlErrorKind.DaemonNotRunning, Assert.IsType<OrbCtlException>(e.InnerException).Kind); // orbctl's last words, kept
        Assert.Empty(_bed.Ledger.ReadAll());
    }

    [Theory]
    [InlineData(OrbCtlErrorKind.ImageNotFound, "[-32098] create 'of-t3st-db': make rootfs: image not found: {ubuntu focal arm64 default}")]
    [InlineData(OrbCtlErrorKind.InvalidArgument, "[-32098] create 'of-t3st-db': invalid machine name 'of-t3st-db'")]
    [InlineData(OrbCtlErrorKind.Unknown, "something orbctl never said before")]
    public async Task A_permanent_failure_fails_at_once_quoting_orbctl(OrbCtlErrorKind kind, string stderr)
    {
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(kind, stderr));
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Single(_bed.OrbCtl.CreateTimes);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(stderr, Assert.IsType<OrbCtlException>(e.InnerException).StandardError);
        Assert.Equal((s_db, "of-t3st-db"), (e.Spec, e.MachineName));
        Assert.EndsWith(Assert.Single(e.Log.OfType<ProvisioningFailed>()).Summary, e.Summary, StringComparison.Ordinal);
        Assert.Contains(stderr, e.Summary, StringComparison.Ordinal); // quoting orbctl
        Assert.StartsWith(e.Summary, e.Message, StringComparison.Ordinal); // then the log
        Assert.Same(e.Log, provisioner.Logs.Single());
        Assert.Empty(_bed.Ledger.ReadAll());
    }

    [Fact]
    public async Task The_machine_is_ready_only_once_the_readiness_probe_passes()
    {
        var probes = 0;
        _bed.OrbCtl.OnRun = r => r.Command[0] == "cloud-init" ? new CommandResult(++probes < 3 ? 1 : 0, "", "", TimeSpan.Zero) : null;
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Watchdog = false });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db.WithReadinessProbe("cloud-init", "status", "--wait")));

        Assert.Equal(3, probes);
        Assert.Equal([1, 1, 0], machine.Log.OfType<WaitPolled>().Select(p => p.ExitCode));
        Assert.All(machine.Log.OfType<WaitPolled>(), p => Assert.Equal((WaitStrategyKind.Command, "cloud-init status --wait"), (p.Strategy, p.Target)));
    }

    [Fact]
    public async Task An_unusable_state_directory_is_a_provisioning_error_that_names_it()
    {
        Directory.CreateDirectory(_bed.StateDirectory);
        var notADirectory = Path.Combine(_bed.StateDirectory, "file");
        await File.WriteAllTextAsync(notADirectory, "");
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { StateDirectory = notADirectory });

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.True(e.InnerException is IOException or UnauthorizedAccessException, e.InnerException?.GetType().Name);
        Assert.Contains(notADirectory, e.Summary, StringComparison.Ordinal); // names the folder
        Assert.Contains(OrbFixturesConfiguration.StateDirectoryKey, e.Summary, StringComparison.Ordinal); // and the setting that moves it
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
    }
    [Fact]
    public async Task A_lookup_orbctl_cannot_answer_fails_with_its_kind_before_anything_is_recorded_or_created()
    {
        _bed.OrbCtl.FailInfoOf = "of-t3st-db";
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(OrbCtlErrorKind.DaemonNotRunning, e.Kind);
        var orbctl = Assert.IsType<OrbCtlException>(e.InnerException);
        Assert.Contains(orbctl.StandardError, e.Summary, StringComparison.Ordinal); // quoting orbctl
        Assert.Equal(OrbCtlErrorKind.DaemonNotRunning, Assert.Single(e.Log.OfType<ProvisioningFailed>()).Error);
        Assert.Equal(["info of-t3st-db"], _bed.OrbCtl.Calls);
        Assert.Empty(_bed.Ledger.ReadAll());
    }
}
