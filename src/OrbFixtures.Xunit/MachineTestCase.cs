using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// The test case of a <see cref="MachineFactAttribute"/> test or of one data row of a
/// <see cref="MachineTheoryAttribute"/> test: decides at run time whether OrbStack is usable, and attaches
/// machine diagnostics to a failure (<see cref="MachineTestRun"/>).
/// </summary>
public sealed class MachineTestCase : XunitTestCase
{
    /// <summary>Called by the de-serializer; not for use by test code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public MachineTestCase()
    {
    }

    /// <summary>Creates the test case (called by the discoverers).</summary>
    public MachineTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus,
        object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        => MachineTestRun.RunAsync(SkipReason, messageBus, constructorArguments, aggregator,
            (skipReason, bus, runAggregator) => new XunitTestCaseRunner(this, DisplayName, skipReason, constructorArguments,
                TestMethodArguments, bus, runAggregator, cancellationTokenSource).RunAsync(),
            fresh: TestMethod.Method.GetCustomAttributes(typeof(MachineFactAttribute)).FirstOrDefault()
                ?.GetNamedArgument<bool>(nameof(MachineFactAttribute.Fresh)) == true);
}
