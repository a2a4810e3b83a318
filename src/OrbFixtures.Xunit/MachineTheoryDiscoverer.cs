using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Discovers <see cref="MachineTheoryAttribute"/> tests: one <see cref="MachineTestCase"/> per serializable data row,
/// or one <see cref="MachineTheoryTestCase"/> that enumerates its data at run time.
/// </summary>
public sealed class MachineTheoryDiscoverer : TheoryDiscoverer
{
    private readonly IMessageSink _diagnosticMessageSink;

    /// <summary>Created by xUnit with its diagnostic sink.</summary>
    public MachineTheoryDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
        _diagnosticMessageSink = diagnosticMessageSink;
    }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        return [new MachineTestCase(_diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];
    }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        return [new MachineTheoryTestCase(_diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}
