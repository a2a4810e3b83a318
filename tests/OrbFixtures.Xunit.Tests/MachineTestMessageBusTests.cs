using OrbFixtures.Diagnostics;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using TestFailed = Xunit.Sdk.TestFailed;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestMessageBusTests
{
    public abstract class Samples
    {
        [MachineFact] public void Uses_db() { }
    }

    private static readonly ITest s_test = new XunitTest(TestCases.Machine(typeof(Samples), nameof(Samples.Uses_db)), "Uses_db");

    private const string UserOutput = "user output";

    private static TestFailed Failure(string type, string message) =>
        new(s_test, 1.5m, UserOutput, [type], [message], ["   at Samples.Uses_db()"], [-1]);

    private static (MachineTestMessageBus Bus, RecordingMessageBus Inner) Bus(params IMachineDiagnosticsSource[] sources)
    {
        var inner = new RecordingMessageBus();
        return (new MachineTestMessageBus(inner, new MachineTestContext(sources)), inner);
    }

    [Fact]
    public void A_SkipException_failure_is_reported_as_a_skip_with_its_message()
    {
        var (bus, inner) = Bus();
        const string Reason = "no database here (Skip.If in the test)";

        bus.QueueMessage(Failure("Xunit.SkipException", Reason));

        var skipped = Assert.IsAssignableFrom<ITestSkipped>(Assert.Single(inner.Messages));
        Assert.Equal(Reason, skipped.Reason);
        Assert.Equal(1, bus.SkippedCount);
    }

    [Fact]
    public void A_failure_ends_with_the_block_of_the_fixture_machines_and_keeps_its_exceptions_and_output()
    {
        var log = FakeDiagnosticsSource.HungCreateLog();
        var source = new FakeDiagnosticsSource(log);
        var (bus, inner) = Bus(source);

        bus.QueueMessage(Failure("Xunit.Sdk.EqualException", "Assert.Equal() Failure"));

        var failed = Assert.IsAssignableFrom<ITestFailed>(Assert.Single(inner.Messages));
        Assert.Equal(["Assert.Equal() Failure" + Environment.NewLine + FailureReport.Render([log], source.CommandHistorySize)], failed.Messages);
        Assert.Equal(["Xunit.Sdk.EqualException"], failed.ExceptionTypes);
        Assert.Equal(["   at Samples.Uses_db()"], failed.StackTraces);
        Assert.Equal(UserOutput, failed.Output);
        Assert.Equal(1.5m, failed.ExecutionTime);
        Assert.Equal(0, bus.SkippedCount);
    }

    [Fact]
    public void Every_source_among_the_constructor_arguments_is_reported()
    {
        var db = FakeDiagnosticsSource.HungCreateLog("db");
        var cache = FakeDiagnosticsSource.HungCreateLog("cache");
        var (bus, inner) = Bus(new FakeDiagnosticsSource(db), new FakeDiagnosticsSource(cache));

        bus.QueueMessage(Failure("System.InvalidOperationException", "boom"));

        var message = ((ITestFailed)inner.Messages[0]).Messages[0];
        Assert.EndsWith(FailureReport.Render([db, cache], new OrbFixturesOptions().CommandHistorySize), message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_embedded_in_a_provisioning_exception_is_shown_once_in_the_block_that_ends_the_last_message()
    {
        var log = FakeDiagnosticsSource.HungCreateLog();
        var provisioning = new MachineProvisioningException("the probe never passed", MachineSpec.Create("db", "ubuntu"), "of-k3x9-db", log);
        var (bus, inner) = Bus(new FakeDiagnosticsSource(log));
        var rendered = EventText.Render(log);

        // As xUnit reports a fixture failure: the outer exception, then the inner one; both messages carry the log.
        bus.QueueMessage(new TestFailed(s_test, 0m, "", ["System.AggregateException", typeof(MachineProvisioningException).FullName!],
            ["1 machine could not be provisioned: " + provisioning.Message, provisioning.Message], ["", ""], [-1, 0]));

        var messages = ((ITestFailed)Assert.Single(inner.Messages)).Messages;
        var block = FailureReport.Render([log], new OrbFixturesOptions().CommandHistorySize)!;
        Assert.Equal(["1 machine could not be provisioned: " + provisioning.Summary, provisioning.Summary + Environment.NewLine + block], messages);
        Assert.Equal(1, Nested.FailureBlockAssert.Occurrences(string.Concat(messages), log.Subject));
        Assert.DoesNotContain(rendered, messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_block_is_in_time_order_even_when_events_were_appended_out_of_order()
    {
        // Threads append at once (the create, its watchdog, a test's command): the later stamp may arrive first.
        var log = new MachineLog("machine 'db' (of-k3x9-db)");
        foreach (var e in FakeDiagnosticsSource.HungCreateLog().Events.Reverse()) log.Append(e);
        var block = FailureReport.Render([log], 10)!;

        var stamps = block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 12 && TimeOnly.TryParseExact(l[..12], "HH:mm:ss.fff", out _))
            .Select(l => TimeOnly.ParseExact(l[..12], "HH:mm:ss.fff")).ToList();
        Assert.Equal(log.Events.Count, stamps.Count);
        Assert.Equal(stamps.Order(), stamps);
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
        var (bus, inner) = Bus(new FakeDiagnosticsSource(FakeDiagnosticsSource.HungCreateLog()));
        IMessageSinkMessage[] messages = [new TestStarting(s_test), new TestPassed(s_test, 1m, ""), new TestFinished(s_test, 1m, "")];

        foreach (var m in messages) bus.QueueMessage(m);

        Assert.Equal(messages, inner.Messages);
    }
}
