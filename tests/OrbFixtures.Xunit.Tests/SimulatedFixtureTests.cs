using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using TestFailed = Xunit.Sdk.TestFailed;

namespace OrbFixtures.Xunit.Tests;

/// <summary>
/// A real <see cref="MachineFixture"/> with two machines against the orbctl simulator, in this process, and a machine
/// test's life around it as xUnit drives it through the adapter's bus: started, body, passed or failed.
/// </summary>
public sealed class SimulatedFixtureTests : IDisposable
{
    public abstract class Samples
    {
        [MachineFact] public void Uses_one_machine() { }
    }

    private static readonly ITest s_test =
        new XunitTest(TestCases.Machine(typeof(Samples), nameof(Samples.Uses_one_machine)), "Samples.Uses_one_machine");

    private readonly SimulatorSandbox _sandbox = new();

    private sealed class TwoMachines(SimulatorSandbox sandbox) : MachineFixture(new NullMessageSink())
    {
        protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("db", "ubuntu"), MachineSpec.Create("web", "debian")];

        protected override OrbFixturesOptions ConfigureOptions(OrbFixturesOptions options) => options with
        {
            OrbctlPath = SimulatorSandbox.OrbctlPath,
            OrbctlEnvironment = sandbox.Environment,
            StateDirectory = Path.Combine(sandbox.Root, "state"),
            PollInterval = TimeSpan.FromMilliseconds(100),
            Cleanup = CleanupPolicy.KeepOnFailure,
        };
    }

    private sealed class RecordingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message) => Lines.Add(message);

        public void WriteLine(string format, params object[] args) => Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    private sealed class TwoMachineTest(TwoMachines fixture, ITestOutputHelper output) : MachineTest<TwoMachines>(fixture, output)
    {
        public Task<CommandResult> RunInAsync(string machine, params string[] command) => this[machine].RunAsync(command);
    }

    private async Task<(TwoMachines Fixture, MachineLog Db, MachineLog Web)> ReadyFixtureAsync()
    {
        var fixture = new TwoMachines(_sandbox) { Environment = new Dictionary<string, string?>() };
        await fixture.InitializeAsync();
        var logs = fixture.MachineLogs.ToDictionary(l => l.LogicalName!);
        return (fixture, logs["db"], logs["web"]);
    }

    /// <summary>One machine test as xUnit runs it: started, its body, then passed or failed, through the adapter's bus.</summary>
    private static async Task RunTestAsync(TwoMachines fixture, Func<Task> body, bool fails)
    {
        using var context = new MachineTestContext([fixture]);
        using var bus = new MachineTestMessageBus(new RecordingMessageBus(), context);
        bus.QueueMessage(new TestStarting(s_test));
        await body();
        bus.QueueMessage(fails
            ? new TestFailed(s_test, 1m, "", ["Xunit.Sdk.TrueException"], ["Assert.True() Failure"], [""], [-1])
            : new TestPassed(s_test, 1m, ""));
    }

    [Fact]
    public async Task Keep_on_failure_keeps_the_machine_a_failed_test_ran_a_command_in_and_deletes_the_other()
    {
        var (fixture, db, web) = await ReadyFixtureAsync();

        await RunTestAsync(fixture, () => fixture["db"].RunAsync("false"), fails: true);
        await fixture.DisposeAsync();

        var kept = Assert.Single(db.OfType<CleanedUp>());
        Assert.Equal(CleanupOutcome.KeptForFailedTests, kept.Outcome);
        Assert.Equal(s_test.DisplayName, kept.Detail);
        Assert.Equal(s_test.DisplayName, Assert.Single(db.OfType<Diagnostics.TestFailed>()).Test);
        Assert.Equal(CleanupOutcome.Deleted, Assert.Single(web.OfType<CleanedUp>()).Outcome);
        Assert.Empty(web.OfType<Diagnostics.TestFailed>());
        Assert.Equal([db.MachineName!], await Nested.Simulated.MachineNamesAsync(_sandbox));
    }

    [Fact]
    public async Task Keep_on_failure_keeps_the_machine_a_failed_test_only_asked_the_fixture_for()
    {
        var (fixture, db, web) = await ReadyFixtureAsync();

        await RunTestAsync(fixture, () => Task.FromResult(fixture["web"]), fails: true);
        await fixture.DisposeAsync();

        Assert.Equal(CleanupOutcome.KeptForFailedTests, Assert.Single(web.OfType<CleanedUp>()).Outcome);
        Assert.Equal(CleanupOutcome.Deleted, Assert.Single(db.OfType<CleanedUp>()).Outcome);
        Assert.Empty(db.OfType<Diagnostics.TestFailed>());
    }

    [Fact]
    public async Task A_passing_test_marks_nothing_and_keep_on_failure_deletes_every_machine()
    {
        var (fixture, db, web) = await ReadyFixtureAsync();

        await RunTestAsync(fixture, () => fixture["db"].RunAsync("false"), fails: false);
        await fixture.DisposeAsync();

        Assert.All([db, web], log =>
        {
            Assert.Empty(log.OfType<Diagnostics.TestFailed>());
            Assert.Equal(CleanupOutcome.Deleted, Assert.Single(log.OfType<CleanedUp>()).Outcome);
        });
        Assert.Empty(await Nested.Simulated.MachineNamesAsync(_sandbox));
    }

    [Fact]
    public async Task Every_command_a_test_runs_is_echoed_to_its_output_once_as_the_event_reads()
    {
        var (fixture, db, web) = await ReadyFixtureAsync();
        var output = new RecordingOutput();
        var before = db.OfType<CommandRan>().Count + web.OfType<CommandRan>().Count;

        using (var test = new TwoMachineTest(fixture, output))
        {
            await test.RunInAsync("db", "uname", "-a");
            await test.RunInAsync("web", "false");
            await test.RunInAsync("db", "echo", "twice");
        }
        await fixture["db"].RunAsync("echo", "after the test"); // the test is over: no output to go to
        await fixture.DisposeAsync();

        var ran = db.OfType<CommandRan>().Concat(web.OfType<CommandRan>()).Where(c => c.Command[^1] != "after the test")
            .OrderBy(c => c.At).ToList();
        Assert.Equal(3 + before, ran.Count);
        Assert.Equal(ran.Skip(before).Select(EventText.Describe), output.Lines);
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task With_the_health_check_on_a_machine_deleted_by_hand_fails_the_next_machine_test_before_it_runs_with_its_history()
    {
        var fixture = new TwoMachines(_sandbox)
        {
            Environment = new Dictionary<string, string?> { [OrbFixturesConfiguration.VerifyBeforeEachTestKey] = "true" },
        };
        await fixture.InitializeAsync();
        try
        {
            var web = fixture["web"];
            Assert.Equal(0, (await _sandbox.RunAsync("delete", "-f", web.Name)).ExitCode);
            Exception? failure = null;

            await MachineTestRun.RunAsync(null, new RecordingMessageBus(), [fixture], new ExceptionAggregator(),
                (_, _, aggregator) =>
                {
                    failure = aggregator.ToException();
                    return Task.FromResult(new RunSummary { Total = 1, Failed = 1 });
                },
                _ => Task.FromResult(MachineTestPrecondition.Run));

            var error = Assert.IsType<MachineProvisioningException>(failure);
            Assert.Same(web.Log, error.Log); // its message ends with the machine's history
            Assert.Equal([HealthVerdict.Running], fixture["db"].Log.OfType<HealthChecked>().Select(h => h.Verdict));
            Assert.Equal([HealthVerdict.Gone], web.Log.OfType<HealthChecked>().Select(h => h.Verdict));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
