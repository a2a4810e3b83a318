using System.Runtime.CompilerServices;
using Xunit;

namespace OrbFixtures.Xunit;

/// <summary>
/// A test that needs OrbStack machines. Decided when the test runs: if OrbStack is absent (no <c>orbctl</c>, or not
/// running) the test is skipped through xUnit v3's own run-time skip, with a reason saying what was searched and how
/// to fix it — or fails, when <c>ORBFIXTURES_REQUIRE=true</c>. An invalid <c>ORBFIXTURES_*</c> value fails it with the
/// key, the value and the expected form. When it fails, the attempt history of every machine its fixtures hold ends
/// the failure message and is attached to the test (one text attachment per machine).
/// </summary>
[XunitTestCaseDiscoverer(typeof(MachineFactDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MachineFactAttribute : FactAttribute
{
    /// <summary>Marks a machine test; the compiler supplies the source location.</summary>
    public MachineFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
    }

    /// <summary>Position among the machine tests of its class under <see cref="MachineTestCaseOrderer"/> (lower first).</summary>
    /// <value>The default value is 0.</value>
    public int Order { get; set; }

    /// <summary>Whether the test damages its machines (stops, breaks or reconfigures them); such tests run last.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Destructive { get; set; }

    /// <summary>Whether, after this test, the machines it used that are made from a template are replaced by fresh clones
    /// (<see cref="MachineFixture.RenewMachineAsync"/>), so that the next test finds them untouched. Costs a clone and a
    /// boot per machine; meant for <see cref="Destructive"/> tests.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Fresh { get; set; }
}
