using System.Text.Json;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary>The scenario settings that make readiness checks testable: scripted <c>run</c> answers that change with the
/// number of earlier runs (<c>afterCalls</c>) or with how long the machine has run (<c>afterMs</c>), counted per machine,
/// and pinned addresses (<c>addresses</c>) that <c>info</c> and <c>list</c> report for running machines only.</summary>
public sealed class ScriptedAnswerTests
{
    [Fact]
    public async Task An_answer_with_afterCalls_applies_from_that_run_on_counted_per_machine()
    {
        using var orb = new SimulatedOrbStack("""
            {
              "durations": { "create": 0, "provisioning": 0 },
              "run": [
                { "command": ["systemctl", "is-active", "nginx"], "stdout": "active\n", "afterCalls": 2 },
                { "command": ["systemctl", "is-active", "nginx"], "stdout": "activating\n", "exitCode": 3 }
              ]
            }
            """);
        await orb.CreateAsync("web-1");
        await orb.CreateAsync("web-2");

        (await orb.RunAsync("run", "-m", "web-1", "systemctl", "is-active", "nginx")).ShouldBe(3, "activating\n");
        (await orb.RunAsync("run", "-m", "web-1", "systemctl", "is-active", "nginx")).ShouldBe(3, "activating\n");
        (await orb.RunAsync("run", "-m", "web-2", "systemctl", "is-active", "nginx")).ShouldBe(3, "activating\n");
        (await orb.RunAsync("run", "-m", "web-1", "systemctl", "is-active", "nginx")).ShouldBe(0, "active\n");
        (await orb.RunAsync("run", "-m", "web-1", "systemctl", "is-active", "nginx")).ShouldBe(0, "active\n");
    }

    [Theory]
    [InlineData(600000, "status: running\n")]
    [InlineData(0, "status: done\n")]
    public async Task An_answer_with_afterMs_applies_once_the_machine_has_run_that_long(int afterMs, string answer)
    {
        using var orb = new SimulatedOrbStack($$"""
            {
              "durations": { "create": 0, "provisioning": 0 },
              "run": [
                { "command": ["cloud-init", "status"], "stdout": "status: done\n", "afterMs": {{afterMs}} },
                { "command": ["cloud-init", "status"], "stdout": "status: running\n" }
              ]
            }
            """);
        await orb.CreateAsync("box");

        (await orb.RunAsync("run", "-m", "box", "cloud-init", "status")).ShouldBe(0, answer);
    }

    [Fact]
    public async Task A_pinned_address_is_reported_for_matching_running_machines_only()
    {
        using var orb = new SimulatedOrbStack("""
            {
              "durations": { "create": 0, "provisioning": 0, "stop": 0 },
              "addresses": [ { "machine": "web-*", "ip4": "127.0.0.1", "ip6": "::1" } ]
            }
            """);
        await orb.CreateAsync("web-1");
        await orb.CreateAsync("db-1");

        var web = JsonDocument.Parse((await orb.RunAsync("info", "web-1", "-f", "json")).StandardOutput).RootElement;
        var db = JsonDocument.Parse((await orb.RunAsync("info", "db-1", "-f", "json")).StandardOutput).RootElement;
        Assert.Equal(("127.0.0.1", "::1"), (web.GetProperty("ip4").GetString(), web.GetProperty("ip6").GetString()));
        Assert.NotEqual("127.0.0.1", db.GetProperty("ip4").GetString());

        (await orb.RunAsync("stop", "web-1")).ShouldBe(0);
        var stopped = JsonDocument.Parse((await orb.RunAsync("info", "web-1", "-f", "json")).StandardOutput).RootElement;
        Assert.False(stopped.TryGetProperty("ip4", out _));
    }

    [Theory]
    [InlineData("""{ "addresses": [ { "ip4": "127.0.0.1" } ] }""", "'addresses[0].machine' is required")]
    [InlineData("""{ "addresses": [ { "machine": "*", "ip4": "localhost" } ] }""", "'addresses[0].ip4' must be an IPv4 address")]
    [InlineData("""{ "addresses": [ { "machine": "*", "ip6": "127.0.0.1" } ] }""", "'addresses[0].ip6' must be an IPv6 address")]
    [InlineData("""{ "addresses": [ { "machine": "*" } ] }""", "'addresses[0]' pins nothing")]
    [InlineData("""{ "run": [ { "command": ["true"], "afterCalls": -1 } ] }""", "'run[0].afterCalls' must be a non-negative integer")]
    public async Task A_bad_address_or_condition_is_an_invalid_scenario(string scenario, string problem)
    {
        using var orb = new SimulatedOrbStack(scenario);

        var outcome = await orb.RunAsync("list");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(problem, outcome.StandardError, StringComparison.Ordinal);
    }
}
