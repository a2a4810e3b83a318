using System.ComponentModel;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// The test case of a <see cref="MachineFactAttribute"/> test or of one data row of a
/// <see cref="MachineTheoryAttribute"/> test: decides at run time whether OrbStack is usable, and attaches machine
/// diagnostics to a failure (<see cref="MachineTestRun"/>). It opts into xUnit's pipeline as a self-executing test case
/// and otherwise runs exactly as xUnit's own <see cref="XunitTestCase"/>.
/// </summary>
public sealed class MachineTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>Called by the de-serializer; not for use by test code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public MachineTestCase()
    {
    }

    private MachineTestCase(XunitTestCase testCase)
        : base(testCase.TestMethod, testCase.TestCaseDisplayName, testCase.UniqueID, testCase.Explicit, testCase.TestLabel,
            testCase.DisableParallelization, testCase.SkipExceptions, testCase.SkipReason, testCase.SkipType, testCase.SkipUnless,
            testCase.SkipWhen, CopyTraits(testCase), testCase.TestMethodArguments, testCase.SourceFilePath, testCase.SourceLineNumber,
            testCase.Timeout)
    {
    }

    /// <inheritdoc/>
    public ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource, ParallelMode parallelMode,
        ExecutionScheduler scheduler, FixtureMappingManager methodFixtureMappings) =>
        MachineTestRun.RunAsync(this, explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource,
            parallelMode, scheduler, methodFixtureMappings);

    // xUnit's discoverers build the case; a machine test is the same case run through MachineTestRun. Error cases
    // (a fact with parameters...) and any other kind pass through untouched.
    internal static IXunitTestCase Wrap(IXunitTestCase testCase) => testCase switch
    {
        XunitDelayEnumeratedTheoryTestCase theory => MachineTheoryTestCase.From(theory),
        XunitTestCase plain when plain.GetType() == typeof(XunitTestCase) => new MachineTestCase(plain),
        _ => testCase,
    };

    internal static Dictionary<string, HashSet<string>> CopyTraits(IXunitTestCase testCase) =>
        testCase.Traits.ToDictionary(t => t.Key, t => t.Value.ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
}
