using CliWrap;
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
        string? stdin = null, CancellationToken cancellationToken = default, OutputRouting? output = null) =>
        CliWrapProcessRunner.Instance.RunAsync(new OrbCtlProcessRequest(executable, arguments, environment ?? s_noEnvironment, stdin)
        {
            Output = output ?? OutputRouting.Captured(OrbCtlClientOptions.DefaultMaxOutputBytes),
        }, cancellationToken);

    private static (string Marker, Dictionary<string, string> Environment) Tagged()
    {
        var marker = "orbfixtures-tree-" + Guid.NewGuid().ToString("N");
        return (marker, new Dictionary<string, string> { ["ORBFIXTURES_TREE"] = marker });
    }

    /// <summary>Integration: real processes, real time; bounded (20 s), polling /proc.</summary>
    private static async Task WaitForProcessesAsync(string marker, Func<int, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition(ProcessTable.WithEnvironment("ORBFIXTURES_TREE", marker).Count))
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(20);
        }
    }

    private static void KillLeftovers(string marker)
    {
        foreach (var pid in ProcessTable.WithEnvironment("ORBFIXTURES_TREE", marker))
        {
            try { using var p = System.Diagnostics.Process.GetProcessById(pid); p.Kill(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
        }
    }

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
        var history = new MachineLog("missing");

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => client.GetStatusAsync(history));

        Assert.Equal((OrbCtlErrorKind.Unknown, 1), (error.Kind, error.Attempts));
        Assert.Equal("/nonexistent/orbctl", Assert.IsType<OrbCtlStartException>(error.InnerException).Executable);
        Assert.Null(error.ExitCode);
        Assert.Contains("/nonexistent/orbctl", Assert.Single(history.OfType<AttemptFinished>()).StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_also_kills_a_double_forked_orphan_outside_the_tree()
    {
        var (marker, environment) = Tagged();
        using var cts = new CancellationTokenSource();
        // The subshell forks `sleep 61` and exits at once: the sleep is re-parented and leaves sh's process tree.
        var run = Run("/bin/sh", ["-c", "( sleep 61 & ) ; sleep 30 ; true"], environment, cancellationToken: cts.Token);
        try
        {
            await WaitForProcessesAsync(marker, n => n >= 3, "sh, the orphan and sleep 30 never started");
            await cts.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            // SIGKILL is sent before the runner returns; the kernel may take a moment to retire the processes.
            await WaitForProcessesAsync(marker, n => n == 0, "a tagged process (the orphan) survived the cancellation");
        }
        finally
        {
            KillLeftovers(marker);
        }
    }

    [Fact]
    public async Task An_orphan_holding_stdout_does_not_hold_up_a_finished_process()
    {
        var (marker, environment) = Tagged();
        // The caller's own bound turns a hang (the bug) into a failure instead of a stuck test.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            var result = await Run("/bin/sh", ["-c", "echo before; ( sleep 61 & ) ; echo after; exit 7"], environment, cancellationToken: cts.Token);

            Assert.Equal(new OrbCtlProcessResult(7, "before\nafter\n", ""), result);
            Assert.NotEmpty(ProcessTable.WithEnvironment("ORBFIXTURES_TREE", marker)); // the orphan lives on: only a timeout kills it
        }
        finally
        {
            KillLeftovers(marker);
        }
    }

    [Fact]
    public async Task Output_past_the_cap_keeps_head_and_tail_and_counts_the_rest()
    {
        var result = await Run("/bin/sh", ["-c", "printf 'HEAD'; head -c 100000 /dev/zero | tr '\\0' x; printf 'TAIL'"],
            output: OutputRouting.Captured(1024));

        Assert.Equal((0, 100_008L - 1024, 0L), (result.ExitCode, result.StandardOutputDroppedBytes, result.StandardErrorDroppedBytes));
        Assert.StartsWith("HEADxxx", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("xxxTAIL", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("98,984 bytes of stdout dropped", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_output_reaches_the_target_whole_and_the_result_keeps_an_excerpt()
    {
        var streamed = new MemoryStream();
        var result = await Run("/bin/sh", ["-c", "head -c 100000 /dev/zero; echo oops >&2"],
            output: OutputRouting.Captured(1024) with { StandardOutput = PipeTarget.ToStream(streamed) });

        Assert.Equal(100_000, streamed.Length);
        Assert.Equal((100_000L - OutputRouting.StreamedExcerptBytes, "oops\n"), (result.StandardOutputDroppedBytes, result.StandardError));
    }

    [Fact]
    public async Task A_file_that_is_not_executable_could_not_be_started()
    {
        var path = Path.Combine(Path.GetTempPath(), "orbfixtures-not-executable-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, "#!/bin/sh\necho hi\n");
        try
        {
            var error = await Assert.ThrowsAsync<OrbCtlStartException>(() => Run(path, []));

            Assert.Equal(path, error.Executable);
            Assert.NotNull(error.InnerException); // why the start failed, as the runtime said it
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_failure_after_the_start_propagates_as_itself()
    {
        var thrown = new IOException("disk full");
        var failing = PipeTarget.Create((_, _) => throw thrown);

        var error = await Assert.ThrowsAsync<IOException>(() => Run("/bin/echo", ["hi"], output: OutputRouting.Captured(1024) with { StandardOutput = failing }));

        Assert.Same(thrown, error);
    }
}
