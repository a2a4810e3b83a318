using OrbFixtures.TestSupport;

namespace OrbFixtures.Simulator.Tests.Infrastructure;

/// <summary>Exact transcript assertions: stderr first (the most telling on failure), then stdout, then the exit code.</summary>
internal static class Transcript
{
    public static void ShouldBe(this ProcessOutcome outcome, int exitCode, string stdout = "", string stderr = "")
    {
        Assert.Equal(stderr, outcome.StandardError);
        Assert.Equal(stdout, outcome.StandardOutput);
        Assert.Equal(exitCode, outcome.ExitCode);
    }

    /// <summary>A cobra argument error: <c>Error: MESSAGE</c>, the usage block and a blank line, exit 1.</summary>
    public static void ShouldBeUsageError(this ProcessOutcome outcome, string message, string usage) =>
        outcome.ShouldBe(1, stderr: $"Error: {message}\n{usage}\n");

    /// <summary>A daemon error: one stderr line, exit 1.</summary>
    public static void ShouldFailWith(this ProcessOutcome outcome, string stderrLine) =>
        outcome.ShouldBe(1, stderr: stderrLine + "\n");
}
