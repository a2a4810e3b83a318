using System.ComponentModel;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// The test case of a <see cref="MachineTheoryAttribute"/> test whose data is enumerated at run time (data that
/// cannot be serialized, or pre-enumeration switched off). Every row gets the same run-time decision and diagnostics
/// as a <see cref="MachineTestCase"/>.
/// </summary>
public sealed class MachineTheoryTestCase : XunitDelayEnumeratedTheoryTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>Called by the de-serializer; not for use by test code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public MachineTheoryTestCase()
    {
    }

    private MachineTheoryTestCase(XunitDelayEnumeratedTheoryTestCase testCase)
        : base(testCase.TestMethod, testCase.TestCaseDisplayName, testCase.UniqueID, testCase.Explicit, testCase.SkipTestWithoutData,
            testCase.SkipExceptions, testCase.SkipReason, testCase.SkipType, testCase.SkipUnless, testCase.SkipWhen,
            MachineTestCase.CopyTraits(testCase), testCase.SourceFilePath, testCase.SourceLineNumber, testCase.Timeout)
    {
    }

    /// <inheritdoc/>
    public ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource, ParallelMode parallelMode,
        ExecutionScheduler scheduler, FixtureMappingManager methodFixtureMappings) =>
        MachineTestRun.RunAsync(this, explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource,
            parallelMode, scheduler, methodFixtureMappings);

    internal static IXunitTestCase From(XunitDelayEnumeratedTheoryTestCase testCase) =>
        testCase.GetType() == typeof(XunitDelayEnumeratedTheoryTestCase) ? new MachineTheoryTestCase(testCase) : testCase;
}
