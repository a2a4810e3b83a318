using System.Runtime.CompilerServices;
using Xunit;

namespace OrbFixtures.Xunit;

/// <summary>
/// A data-driven test that needs OrbStack machines; each data row behaves like a <see cref="MachineFactAttribute"/>
/// test (run-time skip or failure when OrbStack is absent, attempt history on failure).
/// </summary>
[XunitTestCaseDiscoverer(typeof(MachineTheoryDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MachineTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks a machine theory; the compiler supplies the source location.</summary>
    public MachineTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
    }

    /// <summary>Position among the machine tests of its class under <see cref="MachineTestCaseOrderer"/> (lower first).</summary>
    /// <value>The default value is 0.</value>
    public int Order { get; set; }

    /// <summary>Whether the test damages its machines (stops, breaks or reconfigures them); such tests run last.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Destructive { get; set; }
}
