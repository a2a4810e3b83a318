using System.Diagnostics;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl.Simulator;

/// <summary>Failure modes against the simulator: hung processes killed on time with nothing left behind, garbage
/// output, and orbctl's real error texts classified.</summary>
public sealed class SimulatorFailureTests : IDisposable
{
    // Long enough for the simulator (a .NET apphost) to start and reach its fault even on a busy 2-core box.
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromSeconds(3);
    private readonly SimulatorSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_hung_create_times_out_within_timeout_plus_one_second_and_leaves_no_orbctl_process()
    {
        _sandbox.WriteScenario("""{ "faults": [ { "op": "create", "action": "hang-after-create" } ] }""");
        var client = SimulatorClients.For(_sandbox, OperationTimeouts.Default.With(Operation.Create, s_shortTimeout));
        var history = new MachineLog("hang");

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-hang", "ubuntu"), history));
        clock.Stop();

        Assert.Equal(OrbCtlErrorKind.TimedOut, error.Kind);
        Assert.Equal((s_shortTimeout, 1), (error.Timeout, error.Attempts));
        Assert.True(clock.Elapsed < s_shortTimeout + TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        var invocation = Assert.Single(_sandbox.ReadLog());
        Assert.Equal(("hang-after-create", null), (invocation.Fault, invocation.ExitCode));
        Assert.False(SandboxProcesses.IsRunningIn(invocation.Pid, _sandbox.Home), $"orbctl pid {invocation.Pid} is still running");
        Assert.Empty(SimulatorClients.LiveProcesses(_sandbox));
        Assert.Equal(AttemptOutcome.TimedOut, Assert.Single(history.OfType<AttemptFinished>()).Outcome);
        Assert.Equal(MachineState.Running, (await client.GetInfoAsync("of-hang"))!.State); // created before it hung
    }

    [Fact]
    public async Task A_hung_start_is_killed_at_each_attempt_and_retried()
    {
        _sandbox.WriteScenario("""{ "faults": [ { "op": "start", "action": "hang", "times": 1 } ] }""");
        var client = SimulatorClients.For(_sandbox);
        await client.CreateAsync(new CreateMachineRequest("of-hang", "alpine"));
        await client.StopAsync("of-hang");
        var timed = SimulatorClients.For(_sandbox, OperationTimeouts.Default.With(Operation.Start, TimeSpan.FromSeconds(3)));
        var history = new MachineLog("start");

        await timed.StartAsync("of-hang", history);

        Assert.Equal([AttemptOutcome.TimedOut, AttemptOutcome.Succeeded], history.OfType<AttemptFinished>().Select(a => a.Outcome));
        var starts = _sandbox.ReadLog().Where(i => i.Command == "start").ToList();
        Assert.Equal(("hang", null), (starts[0].Fault, starts[0].ExitCode));
        Assert.Empty(SimulatorClients.LiveProcesses(_sandbox));
    }

    [Fact]
    public async Task Cancelling_a_running_command_kills_its_process()
    {
        var client = SimulatorClients.For(_sandbox);
        await client.CreateAsync(new CreateMachineRequest("of-cancel", "alpine"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        var history = new MachineLog("cancel");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunAsync(new RunCommandRequest("of-cancel", ["sleep", "30"]), history, cts.Token));

        Assert.Equal(AttemptOutcome.Cancelled, Assert.Single(history.OfType<AttemptFinished>()).Outcome);
        Assert.Empty(SimulatorClients.LiveProcesses(_sandbox));
    }

    [Fact]
    public async Task Garbage_output_is_malformed_output_naming_the_command_and_a_query_retries_it()
    {
        _sandbox.WriteScenario("""{ "faults": [ { "op": "list", "times": 1, "action": "garbage", "output": "{\"record\": [oops" } ] }""");
        var once = SimulatorClients.For(_sandbox, retry: SimulatorClients.FastRetry with { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => once.ListAsync());
        Assert.Equal(OrbCtlErrorKind.MalformedOutput, error.Kind);
        Assert.Equal(["orbctl", "list", "-f", "json"], error.Arguments);
        Assert.Equal("{\"record\": [oops", error.StandardOutput); // the simulator's garbage, kept for the message

        _sandbox.WriteScenario("""{ "faults": [ { "op": "info", "times": 1, "action": "garbage" } ] }""");
        var history = new MachineLog("garbage");
        Assert.Null(await SimulatorClients.For(_sandbox).GetInfoAsync("of-none", history));
        Assert.Equal([OrbCtlErrorKind.MalformedOutput, OrbCtlErrorKind.NotFound], history.OfType<AttemptFinished>().Select(a => a.Error));
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_orbctl_succeeds()
    {
        _sandbox.WriteScenario("""
            { "faults": [ { "op": "start", "times": 2, "action": "fail",
                            "stderr": "[-32098] start '{name}': setup: machine didn't start in 30s (missing IP address)" } ] }
            """);
        var client = SimulatorClients.For(_sandbox);
        await client.CreateAsync(new CreateMachineRequest("of-flaky", "alpine"));
        var history = new MachineLog("flaky");

        await client.StartAsync("of-flaky", history);

        Assert.Equal([OrbCtlErrorKind.Transient, OrbCtlErrorKind.Transient, null], history.OfType<AttemptFinished>().Select(a => a.Error));
        Assert.Equal([AttemptDecision.Retry, AttemptDecision.Retry, AttemptDecision.Done], history.OfType<AttemptFinished>().Select(a => a.Decision));
        Assert.Contains("missing IP address", history.OfType<AttemptFinished>()[0].StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simulators_error_texts_are_classified()
    {
        var client = SimulatorClients.For(_sandbox, retry: SimulatorClients.FastRetry with { MaxAttempts = 1 });
        await client.CreateAsync(new CreateMachineRequest("of-err", "alpine"));
        var userData = Path.Combine(_sandbox.Root, "user-data.yaml");
        await File.WriteAllTextAsync(userData, "#cloud-config\n");

        static async Task<OrbCtlException> Fails(Func<Task> call) => await Assert.ThrowsAsync<OrbCtlException>(call);

        var exists = await Fails(() => client.CreateAsync(new CreateMachineRequest("of-err", "alpine")));
        Assert.Equal(OrbCtlErrorKind.AlreadyExists, exists.Kind);
        Assert.Equal("[-32098] create 'of-err': machine already exists: 'of-err'", exists.StandardError);
        Assert.Equal(OrbCtlErrorKind.AlreadyExists, (await Fails(() => client.CloneAsync("of-err", "of-err"))).Kind);
        Assert.Equal(OrbCtlErrorKind.NotFound, (await Fails(() => client.StartAsync("of-missing"))).Kind);
        Assert.Equal(OrbCtlErrorKind.NotFound, (await Fails(() => client.StopAsync("of-missing"))).Kind);
        var distro = await Fails(() => client.CreateAsync(new CreateMachineRequest("of-bad", "ubunto")));
        Assert.Equal(OrbCtlErrorKind.InvalidArgument, distro.Kind);
        Assert.StartsWith("Error: invalid distro: ubunto", distro.StandardError, StringComparison.Ordinal);
        Assert.Equal(OrbCtlErrorKind.ImageNotFound, (await Fails(() => client.CreateAsync(new CreateMachineRequest("of-bad", "ubuntu", "99.99")))).Kind);
        var cloudInit = await Fails(() => client.CreateAsync(new CreateMachineRequest("of-bad", "arch", UserDataFile: userData)));
        Assert.Equal(OrbCtlErrorKind.ImageNotFound, cloudInit.Kind);
        Assert.Contains("cloud-init not supported for 'archlinux'", cloudInit.StandardError, StringComparison.Ordinal); // orbctl's text (contract)
    }

    [Theory]
    // The status enum is internal (transport), and a public test method cannot take it: the data names it.
    [InlineData("Starting", nameof(OrbStackStatus.Starting))]
    [InlineData("Stopped", nameof(OrbStackStatus.Stopped))]
    public async Task Status_reports_the_daemon_without_starting_it(string daemon, string expectedStatus)
    {
        var expected = Enum.Parse<OrbStackStatus>(expectedStatus);
        _sandbox.WriteScenario($$"""{ "daemon": { "status": "{{daemon}}" } }""");
        var client = SimulatorClients.For(_sandbox);
        Assert.Equal(expected, await client.GetStatusAsync());
        Assert.Equal(expected, await client.GetStatusAsync());
    }

    [Fact]
    public async Task A_daemon_that_is_still_starting_is_reported_as_not_running_after_the_retries()
    {
        _sandbox.WriteScenario("""{ "daemon": { "status": "Starting" } }""");
        var history = new MachineLog("starting");

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => SimulatorClients.For(_sandbox).ListAsync(false, history));

        Assert.Equal((OrbCtlErrorKind.DaemonNotRunning, 3), (error.Kind, error.Attempts));
        Assert.Contains("timed out waiting for services to start", error.StandardError, StringComparison.Ordinal); // orbctl's text (contract)
        Assert.Equal((3, AttemptDecision.GaveUpAttemptsExhausted), (history.OfType<AttemptFinished>()[^1].Attempt, history.OfType<AttemptFinished>()[^1].Decision));
    }
}
