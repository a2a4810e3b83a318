using System.Reflection;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Orders the tests of a class (xUnit v3): tests without a machine attribute first (cheap), then
/// <see cref="MachineFactAttribute"/>/<see cref="MachineTheoryAttribute"/> tests by <c>Order</c>, then by method name
/// (ordinal), and tests marked <c>Destructive = true</c> last (by the same keys); rows of one theory follow their
/// display names (ordinal). The same order as the v2 package. xUnit 4.x orders methods first (a method orderer) and
/// then the cases of each method (a case orderer), so this one class is both; register it for both at assembly,
/// collection-definition or class level:
/// <code>
/// [assembly: TestMethodOrderer(typeof(MachineTestCaseOrderer))]
/// [assembly: TestCaseOrderer(typeof(MachineTestCaseOrderer))]
/// </code>
/// A test class orderer (4.x) chooses which class runs first; this orderer then orders within each class.
/// </summary>
public sealed class MachineTestCaseOrderer : ITestCaseOrderer, ITestMethodOrderer
{
    /// <inheritdoc/>
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase
    {
        ArgumentNullException.ThrowIfNull(testCases);
        return testCases
            .Select(testCase => (TestCase: testCase, Key: KeyOf(testCase.TestMethod)))
            .OrderBy(x => x.Key.Group)
            .ThenBy(x => x.Key.Order)
            .ThenBy(x => x.TestCase.TestMethod?.MethodName, StringComparer.Ordinal)
            .ThenBy(x => x.TestCase.TestCaseDisplayName, StringComparer.Ordinal)
            .ThenBy(x => x.TestCase.UniqueID, StringComparer.Ordinal)
            .Select(x => x.TestCase)
            .ToList();
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
        where TTestMethod : notnull, ITestMethod
    {
        ArgumentNullException.ThrowIfNull(testMethods);
        return testMethods
            .Select(testMethod => (TestMethod: testMethod, Key: KeyOf(testMethod)))
            .OrderBy(x => x.Key.Group)
            .ThenBy(x => x.Key.Order)
            .ThenBy(x => x.TestMethod?.MethodName, StringComparer.Ordinal)
            .ThenBy(x => x.TestMethod?.UniqueID, StringComparer.Ordinal)
            .Select(x => x.TestMethod)
            .ToList();
    }

    private static (int Group, int Order) KeyOf(ITestMethod? testMethod)
    {
        var method = (testMethod as IXunitTestMethod)?.Method;
        return method?.GetCustomAttribute<MachineFactAttribute>() is { } fact ? (fact.Destructive ? 2 : 1, fact.Order)
            : method?.GetCustomAttribute<MachineTheoryAttribute>() is { } theory ? (theory.Destructive ? 2 : 1, theory.Order)
            : (0, 0);
    }
}
