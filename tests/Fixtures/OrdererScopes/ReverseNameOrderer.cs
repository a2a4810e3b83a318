using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrdererScopes;

/// <summary>Orders by method name, descending.</summary>
public sealed class ReverseNameOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderByDescending(t => t.TestMethod.Method.Name, StringComparer.Ordinal).ToList();
}
