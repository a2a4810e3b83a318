using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>The timeout table is what runs: every attempt of every operation is killed exactly at its operation's
/// timeout (default or overridden), reported as TimedOut naming that timeout, and recorded with it.</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan s_tick = TimeSpan.FromTicks(1);

    public static TheoryData<Operation> Operations => OperationCalls.All();

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_runs_under_its_default_timeout(Operation operation) =>
        await AssertKilledExactlyAt(operation, OperationTimeouts.Default, OperationTimeouts.Default[operation]);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_runs_under_its_overridden_timeout(Operation operation)
    {
        var timeout = TimeSpan.FromSeconds(7) + TimeSpan.FromMilliseconds((int)operation * 10);
        await AssertKilledExactlyAt(operation, OperationTimeouts.Default.With(operation, timeout), timeout);
    }

    [Fact]
    public void The_default_table_gives_create_at_least_five_minutes_and_queries_less_than_a_minute()
    {
        Assert.True(OperationTimeouts.Default[Operation.Create] >= TimeSpan.FromMinutes(5));
        foreach (var query in new[] { Operation.Status, Operation.Version, Operation.List, Operation.Info, Operation.Logs })
            Assert.True(OperationTimeouts.Default[query] < TimeSpan.FromMinutes(1), $"{query} should be short");
        Assert.Equal(Enum.GetValues<Operation>(), OperationTimeouts.Default.Entries.Select(e => e.Key));
    }

    [Fact]
    public void A_changed_timeout_is_in_the_copys_entries_and_nowhere_else()
    {
        var changed = OperationTimeouts.Default.With(Operation.Info, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), changed.Entries.Single(e => e.Key == Operation.Info).Value);
        Assert.Equal(OperationTimeouts.Default.Entries.Where(e => e.Key != Operation.Info), changed.Entries.Where(e => e.Key != Operation.Info));
        Assert.Equal(TimeSpan.FromSeconds(30), OperationTimeouts.Default[Operation.Info]); // the original is unchanged
    }

    [Fact]
    public void An_operation_outside_the_enum_has_no_timeout_and_cannot_be_given_one()
    {
        const Operation unknown = (Operation)999;

        Assert.Equal("operation", Assert.Throws<ArgumentOutOfRangeException>(() => OperationTimeouts.Default[unknown]).ParamName);
        Assert.Equal("operation", Assert.Throws<ArgumentOutOfRangeException>(() => OperationTimeouts.Default.With(unknown, TimeSpan.FromSeconds(1))).ParamName);
    }

    [Fact]
    public async Task A_run_request_can_override_the_run_timeout_for_one_command()
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenHang();
        var client = TestClients.Create(runner, clock);
        var history = new MachineLog("run");

        var call = client.RunAsync(new RunCommandRequest("of-a", ["sleep", "100"], Timeout: TimeSpan.FromSeconds(3)), history);
        Assert.Equal(TimeSpan.FromSeconds(3), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(OrbCtlErrorKind.TimedOut, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), error.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(history.OfType<AttemptFinished>()).Timeout);
    }

    [Fact]
    public void A_timeout_must_be_within_what_Pollys_timeout_strategy_accepts()
    {
        var zero = Assert.Throws<OrbFixturesConfigurationException>(() => OperationTimeouts.Default.With(Operation.Create, TimeSpan.Zero));
        Assert.Equal("OperationTimeouts[Create]", zero.Key);
        Assert.Equal("00:00:00", zero.Value);
        Assert.Contains(OptionRanges.AttemptTimeout.ToString(), zero.Expected, StringComparison.Ordinal); // the range it must be in
        Assert.Throws<OrbFixturesConfigurationException>(() => OperationTimeouts.Default.With(Operation.Info, Timeout.InfiniteTimeSpan));
        Assert.Throws<OrbFixturesConfigurationException>(() => OperationTimeouts.Default.With(Operation.Info, TimeSpan.FromMilliseconds(9.99)));
        Assert.Throws<OrbFixturesConfigurationException>(() => OperationTimeouts.Default.With(Operation.Run, TimeSpan.FromHours(24).Add(TimeSpan.FromTicks(1))));
        Assert.Equal(TimeSpan.FromMilliseconds(10), OperationTimeouts.Default.With(Operation.Info, TimeSpan.FromMilliseconds(10))[Operation.Info]);
        Assert.Equal(TimeSpan.FromHours(24), OperationTimeouts.Default.With(Operation.Run, TimeSpan.FromHours(24))[Operation.Run]);
    }

    [Fact]
    public async Task The_caller_cancelling_kills_the_process_and_surfaces_as_cancellation()
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenHang();
        var history = new MachineLog("cancel");
        using var cts = new CancellationTokenSource();

        var call = TestClients.Create(runner, clock).CreateAsync(new CreateMachineRequest("of-a", "ubuntu"), history, cts.Token);
        await runner.WaitForInvocationsAsync(1);
        clock.Advance(TimeSpan.FromSeconds(5));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(ObservedClock.Epoch.AddSeconds(5), runner.Invocations[0].KilledAt);
        var attempt = Assert.Single(history.OfType<AttemptFinished>());
        Assert.Equal((AttemptOutcome.Cancelled, AttemptDecision.CancelledByCaller), (attempt.Outcome, attempt.Decision));
        Assert.Equal(TimeSpan.FromSeconds(5), attempt.Duration);
        Assert.Null(attempt.ExitCode);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_starts_no_process()
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenSucceed("Running\n");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClients.Create(runner, clock).GetStatusAsync(null, cts.Token));
        Assert.Empty(runner.Invocations);
    }

    private static async Task AssertKilledExactlyAt(Operation operation, OperationTimeouts table, TimeSpan expected)
    {
        var clock = new ObservedClock();
        var runner = new FakeOrbCtlProcessRunner(clock).ThenHang();
        var options = new OrbCtlClientOptions { Timeouts = table, Retry = new OrbCtlRetryOptions { MaxAttempts = 1 } };
        var client = TestClients.Create(runner, clock, options);
        var history = new MachineLog(operation.ToString());

        var call = OperationCalls.Call(client, operation, history);
        Assert.Equal(expected, await clock.NextTimerAsync());
        await runner.WaitForInvocationsAsync(1);
        clock.Advance(expected - s_tick);
        Assert.False(call.IsCompleted);
        Assert.Null(runner.Invocations[0].KilledAt);
        clock.Advance(s_tick);

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(OrbCtlErrorKind.TimedOut, error.Kind);
        Assert.Equal(operation, error.Operation);
        Assert.Equal(expected, error.Timeout);
        Assert.Null(error.ExitCode);
        Assert.Contains(EventText.Duration(expected), error.Message, StringComparison.Ordinal);
        Assert.Equal(ObservedClock.Epoch + expected, runner.Invocations[0].KilledAt);
        var attempt = Assert.Single(history.OfType<AttemptFinished>());
        Assert.Equal((AttemptOutcome.TimedOut, expected, expected), (attempt.Outcome, attempt.Timeout, attempt.Duration));
    }
}
