using Xunit;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// A data-driven test that needs OrbStack machines; each data row behaves like a <see cref="MachineFactAttribute"/>
/// test (run-time skip or failure when OrbStack is absent, attempt history on failure, <c>Skip.If</c> support).
/// </summary>
[XunitTestCaseDiscoverer("OrbFixtures.Xunit.MachineTheoryDiscoverer", "OrbFixtures.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MachineTheoryAttribute : TheoryAttribute
{
    /// <summary>Position among the machine tests of its class under <see cref="MachineTestCaseOrderer"/> (lower first).</summary>
    /// <value>The default value is 0.</value>
    public int Order { get; set; }

    /// <summary>Whether the test damages its machines (stops, breaks or reconfigures them); such tests run last.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Destructive { get; set; }
}
