using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// The test case of a <see cref="MachineTheoryAttribute"/> test whose data is enumerated at run time (data that
/// cannot be serialized, or pre-enumeration switched off). Every row gets the same run-time decision and diagnostics
/// as a <see cref="MachineTestCase"/>.
/// </summary>
public sealed class MachineTheoryTestCase : XunitTheoryTestCase
{
    /// <summary>Called by the de-serializer; not for use by test code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public MachineTheoryTestCase()
    {
    }

    /// <summary>Creates the test case (called by the discoverer).</summary>
    public MachineTheoryTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus,
        object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        => MachineTestRun.RunAsync(SkipReason, messageBus, constructorArguments, aggregator,
            (skipReason, bus, runAggregator) => new XunitTheoryTestCaseRunner(this, DisplayName, skipReason, constructorArguments,
                diagnosticMessageSink, bus, runAggregator, cancellationTokenSource).RunAsync());
}
