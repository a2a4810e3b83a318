using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Retries: exponential backoff on the fake clock, only for what is transient for the operation, never for
/// create or run, and every attempt (the last one included) recorded with its decision.</summary>
public sealed class RetryTests
{
    private const string DaemonStarting = "timed out waiting for services to start";
    private const string MissingIp = "[-32098] create 'of-test-db': setup: machine didn't start in 30s (missing IP address)";

    private readonly ObservedClock _clock = new();
    private readonly FakeOrbCtlProcessRunner _runner;

    public RetryTests() => _runner = new FakeOrbCtlProcessRunner(_clock);

    [Fact]
    public async Task Backoff_doubles_from_the_base_delay_and_is_measured_on_the_injected_clock()
    {
        _runner.ThenFail(DaemonStarting).ThenFail(DaemonStarting).ThenFail(DaemonStarting).ThenSucceed(OperationCalls.InfoJson);
        var history = new MachineLog("backoff");
        var call = TestClients.Create(_runner, _clock).GetInfoAsync("of-test-db", history);

        var delays = await AdvanceThroughRetries(retries: 3, attemptTimeout: OperationTimeouts.Default[Operation.Info]);
        var info = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("of-test-db", info!.Name);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], delays);
        Assert.Equal([0, 1, 3, 7], _runner.Invocations.Select(i => (int)(i.StartedAt - ObservedClock.Epoch).TotalSeconds));
        var attempts = history.OfType<AttemptFinished>();
        Assert.Equal([AttemptDecision.Retry, AttemptDecision.Retry, AttemptDecision.Retry, AttemptDecision.Done], attempts.Select(a => a.Decision));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), null], attempts.Select(a => a.RetryDelay));
        // Numbered within the call across its retries (#1, #2, #3, #4), not #1 each time.
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
    }

    [Fact]
    public async Task Backoff_never_waits_longer_than_the_maximum_delay()
    {
        _runner.ThenFail(DaemonStarting);
        var options = new OrbCtlClientOptions
        {
            Retry = TestClients.PlainRetry with { MaxAttempts = 5, MaxDelay = TimeSpan.FromSeconds(3) },
        };
        var call = TestClients.Create(_runner, _clock, options).GetStatusAsync();

        var delays = await AdvanceThroughRetries(retries: 4, attemptTimeout: OperationTimeouts.Default[Operation.Status]);

        Assert.Equal([1, 2, 3, 3], delays.Select(d => d.TotalSeconds));
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal((OrbCtlErrorKind.DaemonNotRunning, 5), (error.Kind, error.Attempts));
    }

    [Fact]
    public async Task Jittered_backoff_is_reproducible_with_a_fixed_randomizer_and_recorded_as_applied()
    {
        async Task<(List<TimeSpan> Delays, List<(AttemptDecision, TimeSpan?)> Decisions)> RunOnce()
        {
            var clock = new ObservedClock();
            var runner = new FakeOrbCtlProcessRunner(clock).ThenFail(MissingIp).ThenFail(MissingIp).ThenSucceed("[]");
            var history = new MachineLog("jitter");
            var options = new OrbCtlClientOptions { Retry = TestClients.PlainRetry with { UseJitter = true, Randomizer = () => 0.5 } };
            var call = TestClients.Create(runner, clock, options).ListAsync(false, history);
            var delays = new List<TimeSpan>();
            for (var i = 0; i < 2; i++)
            {
                await clock.NextTimerAsync(); // the attempt's timeout
                delays.Add(await clock.NextTimerAsync());
                clock.Advance(delays[^1]);
            }
            await call.WaitAsync(TimeSpan.FromSeconds(20));
            return (delays, history.OfType<AttemptFinished>().Select(a => (a.Decision, a.RetryDelay)).ToList());
        }

        var first = await RunOnce();
        var second = await RunOnce();
        Assert.Equal(first.Delays, second.Delays);
        Assert.NotEqual([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], first.Delays); // jitter did apply
        Assert.Equal([AttemptDecision.Retry, AttemptDecision.Retry, AttemptDecision.Done], first.Decisions.Select(d => d.Item1));
        // Recorded as applied: the delay each retry waited (the timer is armed to the whole millisecond).
        Assert.All(first.Delays.Zip(first.Decisions), p => Assert.InRange((p.First - p.Second.Item2!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
        Assert.Null(first.Decisions[^1].Item2);
    }

    [Fact]
    public async Task The_final_attempt_is_recorded_with_the_reason_to_give_up()
    {
        _runner.ThenFail(MissingIp);
        var history = new MachineLog("exhausted");
        var call = TestClients.Create(_runner, _clock).StartAsync("of-test-db", history);

        await _clock.DriveAsync(call.ContinueWith(_ => { }, TaskScheduler.Default));

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => call);
        Assert.Equal((OrbCtlErrorKind.Transient, 4), (error.Kind, error.Attempts));
        Assert.Equal(MissingIp, error.StandardError.Trim());
        Assert.Equal([1, 2, 3, 4], history.OfType<AttemptFinished>().Select(a => a.Attempt));
        Assert.Equal(AttemptDecision.GaveUpAttemptsExhausted, history.OfType<AttemptFinished>()[^1].Decision);
        Assert.All(history.OfType<AttemptFinished>(), a => Assert.Equal((AttemptOutcome.Failed, OrbCtlErrorKind.Transient, 1), (a.Outcome, a.Error!.Value, a.ExitCode!.Value)));
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        _runner.ThenFail("[-32098] create 'of-test-db': make rootfs: image not found: {ubuntu focal arm64 default}");
        var history = new MachineLog("permanent");

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => TestClients.Create(_runner, _clock).StartAsync("of-test-db", history));

        Assert.Equal((OrbCtlErrorKind.ImageNotFound, 1), (error.Kind, error.Attempts));
        Assert.Equal(AttemptDecision.GaveUpPermanent, Assert.Single(history.OfType<AttemptFinished>()).Decision);
    }

    [Theory]
    [InlineData("transient", AttemptDecision.GaveUpAttemptsExhausted)]
    [InlineData("daemon", AttemptDecision.GaveUpAttemptsExhausted)]
    [InlineData("hang", AttemptDecision.Reconcile)]
    [InlineData("garbage", AttemptDecision.Reconcile)]
    [InlineData("exists", AttemptDecision.Reconcile)]
    public async Task A_create_is_attempted_exactly_once_whatever_happens(string failure, AttemptDecision decision)
    {
        _ = failure switch
        {
            "transient" => _runner.ThenFail(MissingIp),
            "daemon" => _runner.ThenFail(DaemonStarting),
            "hang" => _runner.ThenHang(),
            "garbage" => _runner.ThenSucceed("{\"record\": [oops"),
            _ => _runner.ThenFail("[-32098] create 'of-test-db': machine already exists: 'of-test-db'"),
        };
        _runner.ThenSucceed();
        var history = new MachineLog("create");
        var call = TestClients.Create(_runner, _clock).CreateAsync(new CreateMachineRequest("of-test-db", "ubuntu"), history);

        await _clock.DriveAsync(call.ContinueWith(_ => { }, TaskScheduler.Default));

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => call);
        Assert.Equal(1, error.Attempts);
        Assert.Single(_runner.Invocations);
        // The client never repeats a create: an unknown outcome is for the provisioner to reconcile.
        Assert.Equal(decision, Assert.Single(history.OfType<AttemptFinished>()).Decision);
    }

    [Fact]
    public async Task A_run_is_attempted_once_even_when_orbctl_reports_a_transient_error()
    {
        _runner.ThenFail(DaemonStarting).ThenSucceed();
        var call = TestClients.Create(_runner, _clock).RunAsync(new RunCommandRequest("of-test-db", ["apt-get", "install", "-y", "nginx"]));
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => call);
        Assert.Equal((OrbCtlErrorKind.DaemonNotRunning, 1), (error.Kind, error.Attempts));
        Assert.Single(_runner.Invocations);
    }

    [Fact]
    public async Task One_attempt_in_total_means_no_retry_at_all()
    {
        _runner.ThenFail(DaemonStarting).ThenSucceed("Running\n");
        var options = new OrbCtlClientOptions { Retry = TestClients.PlainRetry with { MaxAttempts = 1 } };
        var history = new MachineLog("once");
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => TestClients.Create(_runner, _clock, options).GetStatusAsync(history));
        Assert.Equal(1, error.Attempts);
        Assert.Equal(AttemptDecision.GaveUpAttemptsExhausted, Assert.Single(history.OfType<AttemptFinished>()).Decision);
    }

    [Fact]
    public async Task Cancelling_while_waiting_to_retry_stops_without_another_process()
    {
        _runner.ThenFail(DaemonStarting).ThenSucceed("Running\n");
        var history = new MachineLog("cancel");
        using var cts = new CancellationTokenSource();
        var call = TestClients.Create(_runner, _clock).GetStatusAsync(history, cts.Token);
        await _clock.NextTimerAsync(); // the attempt's timeout
        await _clock.NextTimerAsync(); // the retry delay
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Single(_runner.Invocations);
        var attempt = Assert.Single(history.OfType<AttemptFinished>());
        Assert.Equal((AttemptDecision.Retry, TimeSpan.FromSeconds(1)), (attempt.Decision, attempt.RetryDelay));
        Assert.Equal([typeof(AttemptFinished), typeof(Note)], history.Events.Select(e => e.GetType())); // the cancelled wait
    }

    [Fact]
    public void Invalid_retry_options_are_rejected_with_the_option_and_its_value()
    {
        var error = Assert.Throws<OrbFixturesConfigurationException>(() => new OrbCtlClient(new OrbCtlClientOptions { Retry = new OrbCtlRetryOptions { MaxAttempts = 0 } }));
        Assert.Equal(("OrbCtlClientOptions.Retry.MaxAttempts", "0"), (error.Key, error.Value));
        error = Assert.Throws<OrbFixturesConfigurationException>(() => new OrbCtlClient(new OrbCtlClientOptions
        {
            Retry = new OrbCtlRetryOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) },
        }));
        Assert.EndsWith("MaxDelay", error.Key, StringComparison.Ordinal);
    }

    /// <summary>For each retry: the attempt arms its timeout, fails, then the retry delay is armed; advances exactly
    /// by that delay and returns the delays seen.</summary>
    private async Task<List<TimeSpan>> AdvanceThroughRetries(int retries, TimeSpan attemptTimeout)
    {
        var delays = new List<TimeSpan>();
        for (var i = 0; i < retries; i++)
        {
            Assert.Equal(attemptTimeout, await _clock.NextTimerAsync());
            var delay = await _clock.NextTimerAsync();
            delays.Add(delay);
            _clock.Advance(delay);
        }
        return delays;
    }
}
