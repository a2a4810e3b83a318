using System.Text.Json;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task A_create_that_hangs_after_creating_and_is_killed_still_yields_a_running_machine()
    {
        using var orb = new SimulatedOrbStack("""
            {
              "durations": { "create": 300, "provisioning": 300 },
              "faults": [ { "op": "create", "machine": "of-*-db", "times": 1, "action": "hang-after-create" } ]
            }
            """);
        var create = orb.Launch("create", "ubuntu", "of-test-db");
        await orb.WaitUntilExistsAsync("of-test-db");

        create.Kill();

        await orb.WaitForStateAsync("of-test-db", "running");
        var logged = Assert.Single(orb.Sandbox.ReadLog(), i => i.Command == "create");
        Assert.Null(logged.ExitCode);
        Assert.Equal("hang-after-create", logged.Fault);
    }

    [Fact]
    public async Task A_create_that_hangs_after_creating_never_returns_even_once_the_machine_runs()
    {
        using var orb = new SimulatedOrbStack("""
            {
              "durations": { "create": 0, "provisioning": 0 },
              "faults": [ { "op": "create", "action": "hang-after-create" } ]
            }
            """);
        var create = orb.Launch("create", "ubuntu", "web");
        await orb.WaitForStateAsync("web", "running");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create.WaitAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_create_killed_mid_way_completes_server_side_and_a_retry_says_already_exists()
    {
        using var orb = new SimulatedOrbStack("""
            {
              "durations": { "create": 30000, "provisioning": 0 },
              "faults": [ { "op": "create", "times": 1, "action": "hang-after-create" } ]
            }
            """);
        var create = orb.Launch("create", "ubuntu", "web");
        await orb.WaitForStateAsync("web", "creating");

        create.Kill();
        var retry = await orb.RunAsync("create", "ubuntu", "web");

        retry.ShouldFailWith("[-32098] create 'web': machine already exists: 'web'");
        Assert.Equal("creating", await orb.StateAsync("web"));
    }

    [Fact]
    public async Task The_machine_glob_limits_a_fault_to_matching_names()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0 },
              "faults": [ { "op": "create", "machine": "db-?", "action": "fail" } ] }
            """);

        (await orb.RunAsync("create", "ubuntu", "web-1")).ShouldBe(0);
        (await orb.RunAsync("create", "ubuntu", "db-1")).ShouldFailWith("[-32098] simulated failure");
        (await orb.RunAsync("create", "ubuntu", "db-10")).ShouldBe(0);
    }

    [Fact]
    public async Task A_hang_does_nothing_until_the_process_is_killed()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0, "start": 0 },
              "faults": [ { "op": "start", "action": "hang" } ] }
            """);
        await orb.CreateAsync("box");
        await orb.RunAsync("stop", "box");

        var start = orb.Launch("start", "box");
        await WaitForLoggedStartAsync(orb, "start");
        Assert.False(start.HasExited);
        start.Kill();

        Assert.Equal("stopped", await orb.StateAsync("box"));
        var logged = Assert.Single(orb.Sandbox.ReadLog(), i => i.Command == "start");
        Assert.Equal(("hang", null), (logged.Fault, logged.ExitCode));
    }

    [Fact]
    public async Task A_failing_create_prints_its_text_with_the_name_and_leaves_no_machine()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0 },
              "faults": [ { "op": "create", "times": 2, "action": "fail", "exitCode": 3,
                            "stderr": "[-32098] create '{name}': setup: machine didn't start in 30s (missing IP address)" } ] }
            """);
        const string Error = "[-32098] create 'flaky': setup: machine didn't start in 30s (missing IP address)\n";

        (await orb.RunAsync("create", "ubuntu", "flaky")).ShouldBe(3, stderr: Error);
        Assert.Null(await orb.StateAsync("flaky"));
        (await orb.RunAsync("create", "ubuntu", "flaky")).ShouldBe(3, stderr: Error);
        (await orb.RunAsync("create", "ubuntu", "flaky")).ShouldBe(0);
        Assert.Equal("running", await orb.StateAsync("flaky"));
    }

    [Fact]
    public async Task Fault_budgets_are_counted_across_parallel_processes()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0 },
              "faults": [ { "op": "create", "times": 2, "action": "fail" } ] }
            """);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => orb.RunAsync("create", "alpine", $"n{i}")));

        Assert.Equal(2, outcomes.Count(o => o.ExitCode == 1));
        Assert.Equal(4, outcomes.Count(o => o.ExitCode == 0));
        Assert.Equal(4, (await orb.RunAsync("list", "-q")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Faults_apply_in_file_order_while_they_have_budget()
    {
        using var orb = new SimulatedOrbStack("""
            { "faults": [
                { "op": "info", "times": 1, "action": "fail", "exitCode": 3, "stderr": "first" },
                { "op": "i", "action": "fail", "exitCode": 4, "stderr": "second" } ] }
            """);

        (await orb.RunAsync("info", "x")).ShouldBe(3, stderr: "first\n");
        (await orb.RunAsync("i", "x")).ShouldBe(4, stderr: "second\n");
        (await orb.RunAsync("info", "x")).ShouldBe(4, stderr: "second\n");
    }

    [Fact]
    public async Task A_usage_error_does_not_consume_a_fault()
    {
        using var orb = new SimulatedOrbStack("""
            { "faults": [ { "op": "create", "times": 1, "action": "fail", "stderr": "injected" } ] }
            """);

        (await orb.RunAsync("create", "windows", "box")).ShouldBeUsageError("invalid distro: windows", ExpectedUsage.Create);
        (await orb.RunAsync("new", "ubuntu", "box")).ShouldFailWith("injected");
    }

    [Fact]
    public async Task A_delay_slows_the_invocation_then_it_behaves_normally()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0 },
              "faults": [ { "op": "info", "action": "delay", "delayMs": 400 } ] }
            """);
        await orb.CreateAsync("box");

        var outcome = await orb.RunAsync("info", "box");

        Assert.StartsWith("ID: ", outcome.StandardOutput);
        var logged = Assert.Single(orb.Sandbox.ReadLog(), i => i.Command == "info");
        Assert.Equal("delay", logged.Fault);
        Assert.True(logged.EndedAt - logged.StartedAt >= TimeSpan.FromMilliseconds(400), $"took {logged.EndedAt - logged.StartedAt}");
    }

    [Fact]
    public async Task Garbage_output_replaces_the_operation_and_exits_0()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0 },
              "faults": [
                { "op": "list", "times": 1, "action": "garbage", "output": "{\"record\": [oops" },
                { "op": "create", "machine": "ghost", "action": "garbage" } ] }
            """);
        await orb.CreateAsync("box");

        (await orb.RunAsync("list", "-f", "json")).ShouldBe(0, "{\"record\": [oops");
        var create = await orb.RunAsync("create", "ubuntu", "ghost");

        Assert.Equal(0, create.ExitCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(create.StandardOutput));
        Assert.Null(await orb.StateAsync("ghost"));
        (await orb.RunAsync("list", "-q")).ShouldBe(0, "box\n");
    }

    private static async Task WaitForLoggedStartAsync(SimulatedOrbStack orb, string command)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!orb.Sandbox.ReadLog().Any(i => i.Command == command))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no '{command}' invocation was logged");
            await Task.Delay(20);
        }
    }
}
