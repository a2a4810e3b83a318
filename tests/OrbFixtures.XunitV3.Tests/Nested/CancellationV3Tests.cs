using System.Diagnostics;
using OrbFixtures.Diagnostics;
using OrbFixtures.TestSupport;
using OrbFixtures.Xunit.Tests.Nested;
using Xunit;

namespace OrbFixtures.XunitV3.Tests.Nested;

/// <summary>
/// Cancelling a v3 run under Microsoft Testing Platform (tests/Fixtures/CancelSuiteV3): xUnit links MTP's session token
/// (Ctrl-C, <c>--timeout</c>, an IDE's stop) to the token of the test context, which the fixture passes to provisioning.
/// </summary>
public sealed class CancellationV3Tests(ITestOutputHelper output)
{
    /// <summary>The bound: a cancelled run kills a hung orbctl within a second.</summary>
    private static readonly TimeSpan s_killBound = TimeSpan.FromSeconds(1);

    // The stuck machine's create makes the machine, then hangs; the machine stays `creating` for an hour, so the
    // watchdog never adopts it and only the cancellation can end the create.
    private const string StuckCreate = """
        {
          "durations": { "create": 3600000 },
          "faults": [ { "op": "create", "machine": "*-stuck", "action": "hang-after-create" } ]
        }
        """;

    [Fact]
    public async Task Ctrl_C_on_an_MTP_run_kills_the_hung_create_within_a_second_and_the_cleanup_still_deletes_the_machine()
    {
        using var workspace = await NestedWorkspace.CreateAsync();
        using var sandbox = new SimulatorSandbox(StuckCreate);
        var dll = await NestedProjects.DllAsync(NestedProjects.CancelSuiteV3);
        try
        {
            using var run = MtpRun.Start(dll, workspace.Environment(Simulated.Variables(sandbox, ("ORBFIXTURES_REPORT", workspace.ReportPath))),
                workspace.Root);
            var create = await InvocationWatch.WaitForAsync(sandbox, i => i.Command == "create", "create (hanging)", TimeSpan.FromMinutes(3),
                TestContext.Current.CancellationToken);
            // The watchdog found the machine (an info that answered after the create began): it exists, being created.
            await InvocationWatch.WaitForAsync(sandbox, i => i.Command == "info" && i.ExitCode == 0 && i.StartedAt > create.StartedAt,
                "info finding the machine", TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
            Assert.True(ProcessWatch.IsAlive(create.Pid), $"the hung create (pid {create.Pid}) ended before the run was interrupted");

            var interrupted = Stopwatch.GetTimestamp();
            run.Interrupt();
            var killedAfter = await ProcessWatch.EndedAfterAsync(create.Pid, interrupted, TimeSpan.FromMinutes(1));
            var exitCode = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
            output.WriteLine($"the hung orbctl create ended {killedAfter.TotalMilliseconds:0} ms after SIGINT; the run exited with {exitCode}");

            Assert.True(killedAfter <= s_killBound, $"the hung create ended {killedAfter} after SIGINT (bound {s_killBound}). Run output:\n{run.Output}");
            Assert.Equal(MtpExitCodes.TestSessionAborted, exitCode);
            Assert.Null(sandbox.ReadLog().Single(i => i.Id == create.Id).EndedAt); // killed, not finished
            var stuck = ReportedMachine.Single(workspace.ReportPath, "stuck");
            var attempt = Assert.Single(stuck.OfType("attemptFinished"), e => (string?)e["operation"] == nameof(Operation.Create));
            Assert.Equal(nameof(AttemptOutcome.Cancelled), (string?)attempt["outcome"]);
            Assert.Equal(nameof(AttemptDecision.CancelledByCaller), (string?)attempt["decision"]);
            Assert.Equal(nameof(CleanupOutcome.Deleted), stuck.Cleanup); // teardown still applied the cleanup policy
            Assert.Empty(await Simulated.MachineNamesAsync(sandbox));
            Assert.Empty(await SandboxProcesses.SurvivorsAsync(sandbox.Home, TimeSpan.FromSeconds(5)));
        }
        finally
        {
            SandboxProcesses.KillAll(sandbox.Home);
        }
    }
}

/// <summary>Microsoft Testing Platform's documented exit codes.</summary>
internal static class MtpExitCodes
{
    /// <summary>The test session was aborted (cancelled).</summary>
    public const int TestSessionAborted = 3;
}
