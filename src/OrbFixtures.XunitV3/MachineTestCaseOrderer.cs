using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Orders the tests of a class (xUnit v3): tests without a machine attribute first (cheap), then
/// <see cref="MachineFactAttribute"/>/<see cref="MachineTheoryAttribute"/> tests by <c>Order</c>, then by method name
/// (ordinal), and tests marked <c>Destructive = true</c> last (by the same keys). Rows of one theory follow their
/// display names (ordinal). The same order as the v2 package. Use it at assembly, collection-definition or class level:
/// <code>[assembly: TestCaseOrderer(typeof(MachineTestCaseOrderer))]</code>
/// It orders test cases only; xUnit 4.x's class and method orderers choose which class and which method come first,
/// and this orderer then orders the cases it is given.
/// </summary>
public sealed class MachineTestCaseOrderer : ITestCaseOrderer
{
    /// <inheritdoc/>
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase
    {
        ArgumentNullException.ThrowIfNull(testCases);
        return testCases
            .Select(testCase => (TestCase: testCase, Key: KeyOf(testCase)))
            .OrderBy(x => x.Key.Group)
            .ThenBy(x => x.Key.Order)
            .ThenBy(x => x.TestCase.TestMethod?.MethodName, StringComparer.Ordinal)
            .ThenBy(x => x.TestCase.TestCaseDisplayName, StringComparer.Ordinal)
            .ThenBy(x => x.TestCase.UniqueID, StringComparer.Ordinal)
            .Select(x => x.TestCase)
            .ToList();
    }

    private static (int Group, int Order) KeyOf(ITestCase testCase)
    {
        var method = (testCase.TestMethod as IXunitTestMethod)?.Method;
        var attribute = method?.GetCustomAttributes(inherit: false).FirstOrDefault(a => a is MachineFactAttribute or MachineTheoryAttribute);
        return attribute switch
        {
            MachineFactAttribute fact => (fact.Destructive ? 2 : 1, fact.Order),
            MachineTheoryAttribute theory => (theory.Destructive ? 2 : 1, theory.Order),
            _ => (0, 0),
        };
    }
}
