using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>Discovers <see cref="MachineFactAttribute"/> tests as <see cref="MachineTestCase"/>s.</summary>
public sealed class MachineFactDiscoverer : FactDiscoverer
{
    /// <summary>Created by xUnit with its diagnostic sink.</summary>
    public MachineFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        return new MachineTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
