using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Discovers <see cref="MachineFactAttribute"/> tests: xUnit's own <see cref="FactDiscoverer"/> builds the test case,
/// which is then made a <see cref="MachineTestCase"/>. Nothing of xUnit's test-case introspection is called from here,
/// so the discoverer depends only on <c>CreateTestCase</c> (custom discoverers that called the introspection helper
/// directly broke with <c>MissingMethodException</c> on the 4.0 upgrade).
/// </summary>
public sealed class MachineFactDiscoverer : FactDiscoverer
{
    /// <inheritdoc/>
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute) =>
        MachineTestCase.Wrap(base.CreateTestCase(discoveryOptions, testMethod, factAttribute));
}
