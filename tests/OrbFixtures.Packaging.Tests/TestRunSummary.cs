using System.Text.RegularExpressions;

namespace OrbFixtures.Packaging.Tests;

/// <summary>
/// The totals <c>dotnet test</c> prints, and which platform printed them: VSTest's one line
/// (<c>Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1, ...</c>) or Microsoft Testing Platform's block
/// (<c>Test run summary: Passed!</c>, then <c>total:</c>, <c>failed:</c>, <c>succeeded:</c>, <c>skipped:</c> lines).
/// </summary>
internal sealed partial record TestRunSummary(TestRunner Runner, int Failed, int Passed, int Skipped)
{
    public static TestRunSummary Parse(string output)
    {
        var vstest = VSTestTotals().Matches(output);
        var mtp = TestingPlatformTotals().Matches(output);
        return (vstest.Count, mtp.Count) switch
        {
            (1, 0) => new TestRunSummary(TestRunner.VSTest, Number(vstest[0], "failed"), Number(vstest[0], "passed"), Number(vstest[0], "skipped")),
            (0, 1) => new TestRunSummary(TestRunner.TestingPlatform, Number(mtp[0], "failed"), Number(mtp[0], "passed"), Number(mtp[0], "skipped")),
            _ => throw new InvalidOperationException(
                $"Expected one dotnet test summary, found {vstest.Count} VSTest totals lines and {mtp.Count} Microsoft Testing Platform summaries:\n{output}"),
        };
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+), Passed:\s*(?<passed>\d+), Skipped:\s*(?<skipped>\d+), Total:\s*\d+")]
    private static partial Regex VSTestTotals();

    [GeneratedRegex(@"Test run summary: .*\n\s*total:\s*\d+\s*\n\s*failed:\s*(?<failed>\d+)\s*\n\s*succeeded:\s*(?<passed>\d+)\s*\n\s*skipped:\s*(?<skipped>\d+)")]
    private static partial Regex TestingPlatformTotals();
}

/// <summary>What ran the tests under <c>dotnet test</c>.</summary>
internal enum TestRunner
{
    VSTest,
    TestingPlatform,
}
