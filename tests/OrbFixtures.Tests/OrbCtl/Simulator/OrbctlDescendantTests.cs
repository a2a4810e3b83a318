using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl.Simulator;

/// <summary>An <c>orbctl</c> that double-forks a helper (a wrapper script in front of the simulator): the helper is
/// killed with orbctl on a timeout, and a helper that keeps stdout open cannot turn a finished run into a timeout.</summary>
public sealed class OrbctlDescendantTests : IAsyncLifetime
{
    private const string MarkerVariable = "ORBFIXTURES_TEST_DESCENDANT";
    private readonly SimulatorSandbox _sandbox = new("""{"durations":{"create":0,"provisioning":0}}""");
    private readonly string _marker = Guid.NewGuid().ToString("N");
    private string _wrapper = "";

    public async Task InitializeAsync()
    {
        _wrapper = Path.Combine(_sandbox.Root, "orbctl-double-fork");
        // `( sleep 61 & )`: the subshell exits at once, so the sleep leaves orbctl's process tree, holding its stdout.
        await File.WriteAllTextAsync(_wrapper, $"#!/bin/sh\n( sleep 61 & )\nexec '{SimulatorSandbox.OrbctlPath}' \"$@\"\n");
        // The simulator, /proc and these tests are Linux-only; the guard tells the platform analyzer so.
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(_wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var created = await _sandbox.RunAsync("create", "ubuntu", "box");
        Assert.True(created.ExitCode == 0, created.StandardError);
    }

    public Task DisposeAsync()
    {
        foreach (var pid in ProcessTable.WithEnvironment(MarkerVariable, _marker))
        {
            try { using var p = System.Diagnostics.Process.GetProcessById(pid); p.Kill(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
        }
        _sandbox.Dispose();
        return Task.CompletedTask;
    }

    private OrbCtlClient Client(TimeSpan runTimeout) => new(new OrbCtlClientOptions
    {
        OrbctlPath = _wrapper,
        EnvironmentVariables = new Dictionary<string, string>(_sandbox.Environment) { [MarkerVariable] = _marker },
        Timeouts = OperationTimeouts.Default.With(Operation.Run, runTimeout),
    });

    [Fact]
    public async Task A_timeout_kills_the_double_forked_helper_too()
    {
        var client = Client(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<OrbCtlException>(() => client.RunAsync(new RunCommandRequest("box", ["sleep", "30"])));

        Assert.Equal(OrbCtlErrorKind.TimedOut, error.Kind);
        // Killed before RunAsync returned; the kernel may take a moment to retire them (bounded, real time).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ProcessTable.WithEnvironment(MarkerVariable, _marker).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the double-forked helper survived the timeout");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_helper_holding_stdout_does_not_turn_a_finished_run_into_a_timeout()
    {
        // Far longer than the helper's grace after exit (200 ms); shorter than the helper's 61 s.
        var client = Client(TimeSpan.FromSeconds(20));
        var history = new MachineLog("held");

        var result = await client.RunAsync(new RunCommandRequest("box", ["sh", "-c", "echo kept; exit 3"]), history);

        Assert.Equal((3, "kept\n"), (result.ExitCode, result.StandardOutput));
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(history.OfType<AttemptFinished>()).Outcome);
        Assert.NotEmpty(ProcessTable.WithEnvironment(MarkerVariable, _marker)); // it was really there, holding the pipe
    }

    [Fact]
    public async Task A_failure_after_the_start_is_not_reported_as_could_not_be_run()
    {
        var client = Client(TimeSpan.FromSeconds(20));
        var history = new MachineLog("broken");
        var request = new RunCommandRequest("box", ["echo", "hi"])
        {
            StandardOutputTarget = CliWrap.PipeTarget.Create((_, _) => throw new IOException("disk full")),
        };

        var error = await Assert.ThrowsAsync<IOException>(() => client.RunAsync(request, history));

        var attempt = Assert.Single(history.OfType<AttemptFinished>());
        Assert.Equal(AttemptDecision.GaveUpBroken, attempt.Decision); // recorded, and rethrown as what it is
        Assert.Contains(error.Message, attempt.StandardErrorTail, StringComparison.Ordinal);
    }
}
