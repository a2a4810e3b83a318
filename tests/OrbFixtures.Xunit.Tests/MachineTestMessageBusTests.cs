using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestMessageBusTests
{
    public abstract class Samples
    {
        [MachineFact] public void Uses_db() { }
    }

    private static readonly ITest s_test = new XunitTest(TestCases.Machine(typeof(Samples), nameof(Samples.Uses_db)), "Uses_db");

    private static TestFailed Failure(string type, string message) =>
        new(s_test, 1.5m, "user output", [type], [message], ["   at Samples.Uses_db()"], [-1]);

    private static (MachineTestMessageBus Bus, RecordingMessageBus Inner) Bus(params IMachineDiagnosticsSource[] sources)
    {
        var inner = new RecordingMessageBus();
        return (new MachineTestMessageBus(inner, new MachineTestContext(sources)), inner);
    }

    [Fact]
    public void A_SkipException_failure_is_reported_as_a_skip_with_its_message()
    {
        var (bus, inner) = Bus();

        bus.QueueMessage(Failure("Xunit.SkipException", "no database here (Skip.If in the test)"));

        var skipped = Assert.IsAssignableFrom<ITestSkipped>(Assert.Single(inner.Messages));
        Assert.Equal("no database here (Skip.If in the test)", skipped.Reason);
        Assert.Equal(1, bus.SkippedCount);
    }

    [Fact]
    public void A_failure_gets_the_attempt_history_of_the_fixture_machines_appended()
    {
        var history = FakeDiagnosticsSource.HungCreateHistory();
        var (bus, inner) = Bus(new FakeDiagnosticsSource(history));

        bus.QueueMessage(Failure("Xunit.Sdk.EqualException", "Assert.Equal() Failure"));

        var failed = Assert.IsAssignableFrom<ITestFailed>(Assert.Single(inner.Messages));
        var message = failed.Messages[0];
        Assert.StartsWith("Assert.Equal() Failure" + Environment.NewLine + "===== OrbFixtures attempt history =====", message, StringComparison.Ordinal);
        Assert.Contains(history.Render(), message, StringComparison.Ordinal); // every attempt: operation, number, timeout, duration, outcome, decision
        Assert.Contains("machine 'db' (of-k3x9-db):", message, StringComparison.Ordinal);
        Assert.Contains("Create #1", message, StringComparison.Ordinal);
        Assert.Contains("adopted by the watchdog", message, StringComparison.Ordinal);
        Assert.Contains("watchdog: machine is running and passed the probe", message, StringComparison.Ordinal);
        Assert.EndsWith("===== end of OrbFixtures attempt history =====", message, StringComparison.Ordinal);
        Assert.Equal(["Xunit.Sdk.EqualException"], failed.ExceptionTypes);
        Assert.Equal(["   at Samples.Uses_db()"], failed.StackTraces);
        Assert.Equal("user output", failed.Output);
        Assert.Equal(1.5m, failed.ExecutionTime);
        Assert.Equal(0, bus.SkippedCount);
    }

    [Fact]
    public void Every_source_among_the_constructor_arguments_is_reported()
    {
        var other = new Diagnostics.AttemptHistory("machine 'cache' (of-k3x9-cache)");
        other.Note(DateTimeOffset.UnixEpoch, "create failed: image not found");
        var (bus, inner) = Bus(new FakeDiagnosticsSource(FakeDiagnosticsSource.HungCreateHistory()), new FakeDiagnosticsSource(other));

        bus.QueueMessage(Failure("System.InvalidOperationException", "boom"));

        var message = ((ITestFailed)inner.Messages[0]).Messages[0];
        Assert.Contains("machine 'db'", message, StringComparison.Ordinal);
        Assert.Contains("machine 'cache' (of-k3x9-cache):", message, StringComparison.Ordinal);
        Assert.Contains("create failed: image not found", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_machines_a_failure_passes_through_untouched()
    {
        var (bus, inner) = Bus(new FakeDiagnosticsSource());
        var failure = Failure("System.InvalidOperationException", "boom");

        bus.QueueMessage(failure);

        Assert.Same(failure, Assert.Single(inner.Messages));
    }

    [Fact]
    public void Other_messages_pass_through_untouched()
    {
        var (bus, inner) = Bus(new FakeDiagnosticsSource(FakeDiagnosticsSource.HungCreateHistory()));
        IMessageSinkMessage[] messages = [new TestStarting(s_test), new TestPassed(s_test, 1m, ""), new TestFinished(s_test, 1m, "")];

        foreach (var m in messages) bus.QueueMessage(m);

        Assert.Equal(messages, inner.Messages);
    }
}
