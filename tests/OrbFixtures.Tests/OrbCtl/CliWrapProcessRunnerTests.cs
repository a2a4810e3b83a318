using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>The real process seam (CliWrap) with ordinary Linux programs: argv without a shell, environment,
/// stdin, exit codes, and cancellation that kills the whole process tree.</summary>
public sealed class CliWrapProcessRunnerTests
{
    private static readonly IReadOnlyDictionary<string, string> s_noEnvironment = new Dictionary<string, string>();

    private static Task<OrbCtlProcessResult> Run(string executable, string[] arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null, CancellationToken cancellationToken = default) =>
        CliWrapProcessRunner.Instance.RunAsync(new OrbCtlProcessRequest(executable, arguments, environment ?? s_noEnvironment, stdin), cancellationToken);

    [Fact]
    public async Task Arguments_reach_the_program_verbatim_without_a_shell()
    {
        var result = await Run("/usr/bin/printf", ["%s|", "a b", "c'd", "$HOME", "\"q\"", ""]);
        Assert.Equal("a b|c'd|$HOME|\"q\"||", result.StandardOutput);
    }

    [Fact]
    public async Task Environment_variables_are_added_and_stdin_is_forwarded()
    {
        var env = await Run("/bin/sh", ["-c", "printf %s \"$ORBFIXTURES_PROBE\""], new Dictionary<string, string> { ["ORBFIXTURES_PROBE"] = "sandbox-7" });
        var cat = await Run("/bin/cat", [], stdin: "from stdin");
        var empty = await Run("/bin/cat", []);
        Assert.Equal("sandbox-7", env.StandardOutput);
        Assert.Equal("from stdin", cat.StandardOutput);
        Assert.Equal("", empty.StandardOutput);
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_result_with_its_stderr()
    {
        var result = await Run("/bin/sh", ["-c", "echo oops >&2; exit 3"]);
        Assert.Equal(new OrbCtlProcessResult(3, "", "oops\n"), result);
    }

    [Fact]
    public async Task Cancelling_kills_the_whole_process_tree()
    {
        var marker = "orbfixtures-tree-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string> { ["ORBFIXTURES_TREE"] = marker };
        using var cts = new CancellationTokenSource();
        var run = Run("/bin/sh", ["-c", "sleep 30 & sleep 30; wait"], environment, cancellationToken: cts.Token);

        // Integration: real processes, real time; bounded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (ProcessTable.WithEnvironment("ORBFIXTURES_TREE", marker).Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "sh and its two sleeps never started");
            await Task.Delay(20);
        }
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(ProcessTable.WithEnvironment("ORBFIXTURES_TREE", marker));
    }

    [Fact]
    public async Task A_missing_orbctl_is_reported_once_with_its_path()
    {
        var client = new OrbCtlClient(new OrbCtlClientOptions { OrbctlPath = "/nonexistent/orbctl" });
        var history = new AttemptHistory("missing");

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => client.GetStatusAsync(history));

        Assert.Equal((OrbCtlErrorKind.Unknown, 1), (error.Kind, error.Attempts));
        Assert.Contains("could not be run: starting '/nonexistent/orbctl' failed", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ExitCode);
        Assert.Contains("/nonexistent/orbctl", Assert.Single(history.Attempts).StandardErrorTail, StringComparison.Ordinal);
    }
}
