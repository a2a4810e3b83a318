using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Orders the tests of a class: tests without a machine attribute first (cheap), then
/// <see cref="MachineFactAttribute"/>/<see cref="MachineTheoryAttribute"/> tests by <c>Order</c>, then by method name
/// (ordinal), and tests marked <c>Destructive = true</c> last (by the same keys). Rows of one theory follow their
/// display names (ordinal): the order test cases arrive in is not stable across runners, so it is never relied on.
/// Deterministic from run to run. Use it at assembly, collection-definition or class level:
/// <code>[assembly: TestCaseOrderer(MachineTestCaseOrderer.TypeName, MachineTestCaseOrderer.AssemblyName)]</code>
/// </summary>
public sealed class MachineTestCaseOrderer : ITestCaseOrderer
{
    /// <summary>The full type name, for <c>[TestCaseOrderer]</c>.</summary>
    public const string TypeName = "OrbFixtures.Xunit.MachineTestCaseOrderer";

    /// <summary>The assembly name, for <c>[TestCaseOrderer]</c>.</summary>
    public const string AssemblyName = "OrbFixtures.Xunit";

    private static readonly string[] s_machineAttributes =
        [typeof(MachineFactAttribute).AssemblyQualifiedName!, typeof(MachineTheoryAttribute).AssemblyQualifiedName!];

    /// <inheritdoc/>
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        ArgumentNullException.ThrowIfNull(testCases);
        return testCases
            .Select(testCase => (TestCase: testCase, Key: KeyOf(testCase.TestMethod.Method)))
            .OrderBy(x => x.Key.Group)
            .ThenBy(x => x.Key.Order)
            .ThenBy(x => x.TestCase.TestMethod.Method.Name, StringComparer.Ordinal)
            .ThenBy(x => x.TestCase.DisplayName, StringComparer.Ordinal)
            .ThenBy(x => x.TestCase.UniqueID, StringComparer.Ordinal)
            .Select(x => x.TestCase)
            .ToList();
    }

    private static (int Group, int Order) KeyOf(IMethodInfo method)
    {
        var attribute = s_machineAttributes.SelectMany(method.GetCustomAttributes).FirstOrDefault();
        if (attribute is null) return (0, 0);
        var destructive = attribute.GetNamedArgument<bool>(nameof(MachineFactAttribute.Destructive));
        return (destructive ? 2 : 1, attribute.GetNamedArgument<int>(nameof(MachineFactAttribute.Order)));
    }
}
