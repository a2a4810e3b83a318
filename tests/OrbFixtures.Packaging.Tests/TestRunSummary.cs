using System.Text.RegularExpressions;

namespace OrbFixtures.Packaging.Tests;

/// <summary>The totals line <c>dotnet test</c> prints: <c>Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1, ...</c>.</summary>
internal sealed partial record TestRunSummary(int Failed, int Passed, int Skipped)
{
    public static TestRunSummary Parse(string output)
    {
        var matches = Totals().Matches(output);
        return matches.Count == 1
            ? new TestRunSummary(int.Parse(matches[0].Groups[1].Value), int.Parse(matches[0].Groups[2].Value), int.Parse(matches[0].Groups[3].Value))
            : throw new InvalidOperationException($"Expected one dotnet test totals line, found {matches.Count}:\n{output}");
    }

    [GeneratedRegex(@"Failed:\s*(\d+), Passed:\s*(\d+), Skipped:\s*(\d+), Total:\s*\d+")]
    private static partial Regex Totals();
}
