using System.Text.Json;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class InvocationLogTests
{
    [Fact]
    public async Task Each_invocation_logs_a_start_and_an_end_line()
    {
        using var orb = new SimulatedOrbStack();

        await orb.RunAsync("create", "ubuntu", "box");
        await orb.RunAsync("info", "ghost");

        var lines = File.ReadAllLines(orb.Sandbox.LogPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["start", "end", "start", "end"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal(["event", "id", "pid", "at", "argv", "fault"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["event", "id", "pid", "at", "argv", "exitCode", "fault"], lines[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(lines[0].GetProperty("id").GetString(), lines[1].GetProperty("id").GetString());
        Assert.NotEqual(lines[0].GetProperty("id").GetString(), lines[2].GetProperty("id").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", lines[1].GetProperty("at").GetString());

        var log = orb.Sandbox.ReadLog();
        Assert.Equal([["create", "ubuntu", "box"], ["info", "ghost"]], log.Select(i => i.Argv));
        Assert.Equal([0, 1], log.Select(i => i.ExitCode));
        Assert.All(log, i => Assert.Null(i.Fault));
        Assert.All(log, i => Assert.True(i.EndedAt >= i.StartedAt));
    }

    [Fact]
    public async Task Usage_and_scenario_errors_are_logged_with_their_exit_codes()
    {
        using var orb = new SimulatedOrbStack();
        await orb.RunAsync("list", "--bogus");
        orb.Sandbox.WriteScenario("{\"nope\": 1}");
        await orb.RunAsync("status");

        Assert.Equal([1, 2], orb.Sandbox.ReadLog().Select(i => i.ExitCode));
    }

    [Fact]
    public async Task The_applied_fault_is_recorded()
    {
        using var orb = new SimulatedOrbStack("""{"faults":[{"op":"status","action":"fail","exitCode":9}]}""");

        await orb.RunAsync("status");

        var logged = Assert.Single(orb.Sandbox.ReadLog());
        Assert.Equal(("fail", 9), (logged.Fault, logged.ExitCode));
    }

    [Fact]
    public async Task Concurrent_invocations_never_interleave_log_lines()
    {
        using var orb = new SimulatedOrbStack();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => orb.RunAsync("status", $"arg{i}")));

        var log = orb.Sandbox.ReadLog();
        Assert.Equal(10, log.Count);
        Assert.All(log, i => Assert.Equal(0, i.ExitCode));
        Assert.Equal(10, log.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public async Task Without_ORBSIM_LOG_nothing_is_logged()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunWithEnvironmentAsync(new Dictionary<string, string> { ["ORBSIM_LOG"] = "" }, "status");

        outcome.ShouldBe(0, "Running\n");
        Assert.False(File.Exists(orb.Sandbox.LogPath));
    }
}
