namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>One <c>UnitTestResult</c> of a TRX file.</summary>
/// <param name="Name">The test's display name, e.g. <c>MachineSuite.DbTests.Runs_a_command_in_db</c>.</param>
/// <param name="Outcome"><c>Passed</c>, <c>Failed</c> or <c>NotExecuted</c> (skipped).</param>
/// <param name="Message">The error message (failure) or the skip reason.</param>
/// <param name="StandardOutput">What the test wrote to its output.</param>
internal sealed record TrxResult(string Name, string Outcome, string Message, string StandardOutput)
{
    /// <summary>The files attached to the result (xUnit v3 attachments reach the TRX as result files), by file name.</summary>
    public IReadOnlyDictionary<string, string> Attachments { get; init; } = new Dictionary<string, string>();

    public bool Passed => Outcome == "Passed";
    public bool Failed => Outcome == "Failed";
    public bool Skipped => Outcome == "NotExecuted";
}
