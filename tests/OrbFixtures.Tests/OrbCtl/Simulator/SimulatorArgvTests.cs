using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl.Simulator;

/// <summary>The client against the simulator: the argv it really sends (read back from ORBSIM_LOG) and the
/// answers it parses out of real output.</summary>
public sealed class SimulatorArgvTests : IDisposable
{
    private readonly SimulatorSandbox _sandbox = new("""{ "hostArch": "arm64" }""");
    private readonly OrbCtlClient _client;

    public SimulatorArgvTests() => _client = SimulatorClients.For(_sandbox);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_machine_lifecycle_sends_the_documented_argv_and_parses_every_answer()
    {
        var history = new MachineLog("lifecycle");
        Assert.Equal(OrbStackStatus.Running, await _client.GetStatusAsync(history));
        Assert.Equal(new OrbCtlVersion("2.2.3", 2020300), await _client.GetVersionAsync(history));
        Assert.Empty(await _client.ListAsync(false, history));
        Assert.Null(await _client.GetInfoAsync("of-sim-a", history));

        await _client.CreateAsync(new CreateMachineRequest("of-sim-a", "ubuntu", "24.04", "amd64", "deploy"), history);
        var info = await _client.GetInfoAsync("of-sim-a", history);
        Assert.NotNull(info);
        Assert.Equal((MachineState.Running, "running", "deploy"), (info.State, info.RawState, info.DefaultUsername));
        Assert.Equal(new MachineImage("ubuntu", "noble", "amd64", "default"), info.Image);
        Assert.Matches(@"^01[0-9A-Z]{24}$", info.Id);
        Assert.StartsWith("192.168.13", info.IPv4, StringComparison.Ordinal);
        Assert.NotNull(info.IPv6);
        Assert.NotNull(info.DiskSize);

        var hostname = await _client.RunAsync(new RunCommandRequest("of-sim-a", ["hostname"]), history);
        Assert.Equal((0, "of-sim-a"), (hostname.ExitCode, hostname.StandardOutput.Trim()));
        var root = await _client.RunAsync(new RunCommandRequest("of-sim-a", ["whoami"], User: "root", WorkingDirectory: "/tmp"), history);
        Assert.Equal("root", root.StandardOutput.Trim());

        await _client.StopAsync("of-sim-a", history);
        Assert.Equal(MachineState.Stopped, (await _client.GetInfoAsync("of-sim-a", history))!.State);
        Assert.Empty(await _client.ListAsync(runningOnly: true, history));
        await _client.StartAsync("of-sim-a", history);
        await _client.RestartAsync("of-sim-a", history);
        await _client.CloneAsync("of-sim-a", "of-sim-b", history);
        Assert.Equal(["of-sim-a", "of-sim-b"], (await _client.ListAsync(false, history)).Select(m => m.Name).Order());
        Assert.NotEmpty(await _client.GetLogsAsync("of-sim-a", false, history));
        Assert.True(await _client.DeleteAsync("of-sim-b", history));
        Assert.False(await _client.DeleteAsync("of-sim-b", history));

        string[][] expected =
        [
            ["status"], ["version"], ["list", "-f", "json"], ["info", "of-sim-a", "-f", "json"],
            ["create", "-a", "amd64", "-u", "deploy", "ubuntu:24.04", "of-sim-a"], ["info", "of-sim-a", "-f", "json"],
            ["run", "-m", "of-sim-a", "hostname"], ["run", "-m", "of-sim-a", "-u", "root", "-w", "/tmp", "whoami"],
            ["stop", "of-sim-a"], ["info", "of-sim-a", "-f", "json"], ["list", "-f", "json", "-r"], ["start", "of-sim-a"],
            ["restart", "of-sim-a"], ["clone", "of-sim-a", "of-sim-b"], ["list", "-f", "json"], ["logs", "of-sim-a"],
            ["delete", "-f", "of-sim-b"], ["delete", "-f", "of-sim-b"],
        ];
        Assert.Equal(expected, _sandbox.ReadLog().Select(i => i.Argv));
        Assert.Equal(expected.Length, history.OfType<AttemptFinished>().Count);
        Assert.Equal(expected.Select(a => (string[])["orbctl", .. a]), history.OfType<AttemptFinished>().Select(a => a.Argv.ToArray()));
    }

    [Fact]
    public async Task Files_and_stdin_reach_the_machine_and_the_guest_exit_code_comes_back()
    {
        await _client.CreateAsync(new CreateMachineRequest("of-sim-f", "debian"));
        var hostFile = Path.Combine(_sandbox.Root, "greeting.txt");
        await File.WriteAllTextAsync(hostFile, "hello from the host\n");

        await _client.PushAsync("of-sim-f", hostFile, "greeting.txt");
        var cat = await _client.RunAsync(new RunCommandRequest("of-sim-f", ["cat", "greeting.txt"]));
        var stdin = await _client.RunAsync(new RunCommandRequest("of-sim-f", ["cat"], StandardInput: "piped in"));
        var exit = await _client.RunAsync(new RunCommandRequest("of-sim-f", ["sh", "-c", "exit 7"]));
        var missing = await _client.RunAsync(new RunCommandRequest("of-sim-f", ["no-such-program"]));
        var pulled = Path.Combine(_sandbox.Root, "pulled.txt");
        await _client.PullAsync("of-sim-f", "greeting.txt", pulled);

        Assert.Equal("hello from the host\n", cat.StandardOutput);
        Assert.Equal("piped in", stdin.StandardOutput);
        Assert.Equal(7, exit.ExitCode);
        Assert.Equal((127, "sh: 1: no-such-program: not found"), (missing.ExitCode, missing.StandardError.Trim()));
        Assert.Equal("hello from the host\n", await File.ReadAllTextAsync(pulled));
        Assert.Contains(["push", "-m", "of-sim-f", hostFile, "greeting.txt"], _sandbox.ReadLog().Select(i => i.Argv));
    }

    [Fact]
    public async Task A_killed_create_still_completes_and_info_shows_every_stage()
    {
        // Long enough that even a heavily loaded host sees the machine while it is still creating.
        _sandbox.WriteScenario("""{ "durations": { "create": 10000, "provisioning": 1000 } }""");
        using var cts = new CancellationTokenSource();
        var history = new MachineLog("killed create");
        var create = _client.CreateAsync(new CreateMachineRequest("of-sim-k", "alpine"), history, cts.Token);

        var creating = await PollInfoUntil(info => info is not null);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);
        var running = await PollInfoUntil(info => info?.State == MachineState.Running);

        Assert.Equal(MachineState.Creating, creating!.State);
        Assert.Null(creating.DiskSize);
        Assert.Null(creating.IPv4);
        Assert.Equal(AttemptOutcome.Cancelled, Assert.Single(history.OfType<AttemptFinished>()).Outcome);
        Assert.NotNull(running!.IPv4);
        Assert.NotNull(running.DiskSize);
    }

    // Integration only: real processes, real time. Bounded so a broken simulator fails the test instead of hanging.
    private async Task<MachineInfo?> PollInfoUntil(Func<MachineInfo?, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var info = await _client.GetInfoAsync("of-sim-k");
            if (condition(info)) return info;
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; last state {info?.RawState ?? "absent"}");
            await Task.Delay(50);
        }
    }
}
