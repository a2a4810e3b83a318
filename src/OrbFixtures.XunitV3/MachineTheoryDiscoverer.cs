using Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Discovers <see cref="MachineTheoryAttribute"/> tests with xUnit's own <see cref="TheoryDiscoverer"/>: one
/// <see cref="MachineTestCase"/> per serializable data row, or one <see cref="MachineTheoryTestCase"/> that enumerates
/// its data at run time.
/// </summary>
public sealed class MachineTheoryDiscoverer : TheoryDiscoverer
{
    /// <inheritdoc/>
    protected override async ValueTask<IReadOnlyCollection<IXunitTestCase>> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, ITheoryAttribute theoryAttribute,
        ITheoryDataRow dataRow, object?[] testMethodArguments, string? index) =>
        [.. (await base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, testMethodArguments, index)
            .ConfigureAwait(false)).Select(MachineTestCase.Wrap)];

    /// <inheritdoc/>
    protected override async ValueTask<IReadOnlyCollection<IXunitTestCase>> CreateTestCasesForTheory(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, ITheoryAttribute theoryAttribute) =>
        [.. (await base.CreateTestCasesForTheory(discoveryOptions, testMethod, theoryAttribute).ConfigureAwait(false))
            .Select(MachineTestCase.Wrap)];
}
