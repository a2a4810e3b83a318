using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestRunTests
{
    public abstract class Samples
    {
        [MachineFact] public void Test() { }
    }

    private static readonly ITest s_test = new XunitTest(TestCases.Machine(typeof(Samples), nameof(Samples.Test)), "Test");

    private sealed class CaseRunner
    {
        public string? SkipReason { get; private set; }
        public Exception? Failure { get; private set; }
        public IMessageSinkMessage? Emit { get; init; }

        public Task<RunSummary> Run(string? skipReason, IMessageBus bus, ExceptionAggregator aggregator)
        {
            SkipReason = skipReason;
            Failure = aggregator.ToException();
            if (Emit is not null) bus.QueueMessage(Emit);
            return Task.FromResult(new RunSummary { Total = 1, Failed = Failure is null && Emit is not ITestFailed ? 0 : 1 });
        }
    }

    private static Task<RunSummary> Run(CaseRunner runner, MachineTestPrecondition verdict, ExceptionAggregator? aggregator = null,
        string? staticSkip = null, List<object[]>? evaluations = null) =>
        MachineTestRun.RunAsync(staticSkip, new RecordingMessageBus(), [], aggregator ?? new ExceptionAggregator(), runner.Run,
            args =>
            {
                evaluations?.Add(args);
                return Task.FromResult(verdict);
            });

    [Fact]
    public async Task An_unavailable_OrbStack_skips_the_test_with_the_reason()
    {
        var runner = new CaseRunner();

        await Run(runner, new MachineTestPrecondition("OrbStack is not available: orbctl was not found.", null));

        Assert.Equal("OrbStack is not available: orbctl was not found.", runner.SkipReason);
        Assert.Null(runner.Failure);
    }

    [Fact]
    public async Task A_failing_precondition_fails_the_test_with_its_error()
    {
        var runner = new CaseRunner();
        var error = new OrbFixturesConfigurationException("ORBFIXTURES_TIMEOUT_CREATE", "banana", "a duration");

        await Run(runner, new MachineTestPrecondition(null, error));

        Assert.Null(runner.SkipReason);
        Assert.Same(error, runner.Failure);
    }

    [Fact]
    public async Task A_fixture_that_already_failed_is_never_turned_into_a_skip()
    {
        var runner = new CaseRunner();
        var aggregator = new ExceptionAggregator();
        aggregator.Add(new InvalidOperationException("create failed: image not found"));
        var evaluations = new List<object[]>();

        await Run(runner, new MachineTestPrecondition("absent", null), aggregator, evaluations: evaluations);

        Assert.Null(runner.SkipReason);
        Assert.Empty(evaluations);
        Assert.Equal("create failed: image not found", runner.Failure?.Message);
    }

    [Fact]
    public async Task A_SkipException_from_a_failed_fixture_stays_a_failure()
    {
        // xUnit fails every test of a fixture that threw with the fixture's exception; only the test itself may skip.
        var aggregator = new ExceptionAggregator();
        aggregator.Add(new global::Xunit.SkipException("skipped by a fixture"));
        var runner = new CaseRunner
        {
            Emit = new TestFailed(s_test, 0m, "", ["Xunit.SkipException"], ["skipped by a fixture"], [""], [-1]),
        };

        var summary = await Run(runner, MachineTestPrecondition.Run, aggregator);

        Assert.Equal(1, summary.Failed);
        Assert.Equal(0, summary.Skipped);
    }

    [Fact]
    public async Task A_static_skip_is_kept_and_nothing_is_probed()
    {
        var runner = new CaseRunner();
        var evaluations = new List<object[]>();

        await Run(runner, MachineTestPrecondition.Run, staticSkip: "not today", evaluations: evaluations);

        Assert.Equal("not today", runner.SkipReason);
        Assert.Empty(evaluations);
    }

    [Fact]
    public async Task A_SkipException_failure_is_counted_as_skipped_in_the_summary()
    {
        var runner = new CaseRunner
        {
            Emit = new TestFailed(s_test, 0m, "", ["Xunit.SkipException"], ["skipped from inside"], [""], [-1]),
        };

        var summary = await Run(runner, MachineTestPrecondition.Run);

        Assert.Equal(0, summary.Failed);
        Assert.Equal(1, summary.Skipped);
    }

    [Fact]
    public async Task An_error_while_deciding_fails_the_test_instead_of_skipping_it()
    {
        var runner = new CaseRunner();

        await MachineTestRun.RunAsync(null, new RecordingMessageBus(), [], new ExceptionAggregator(), runner.Run,
            _ => throw new InvalidOperationException("probe crashed"));

        Assert.Null(runner.SkipReason);
        Assert.Equal("probe crashed", runner.Failure?.Message);
    }
}
