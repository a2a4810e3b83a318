using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary>
/// Durations are simulated time: <c>timeScale</c> compresses them, the <c>published</c> profile supplies OrbStack's
/// figures, and a scripted setup command can cost a given amount of it. Lower bounds on elapsed time are deterministic
/// (a sleep never ends early), so these tests assert only those.
/// </summary>
public sealed class SimulatedTimeTests
{
    [Fact]
    public async Task Time_scale_compresses_every_simulated_duration()
    {
        // Ten simulated minutes of create, provisioning, cloud-init, clone, first boot and guest sleep: seconds at most.
        using var orb = new SimulatedOrbStack("""
            { "timeScale": 100000,
              "durations": { "create": 600000, "provisioning": 600000, "cloudInit": 600000, "clone": 600000,
                             "cloneFirstBoot": 600000, "stop": 600000 } }
            """);
        var userData = await orb.UserDataFileAsync();

        await orb.CreateAsync("template", "ubuntu", "-c", userData);
        (await orb.RunAsync("stop", "template")).ShouldBe(0);
        (await orb.RunAsync("clone", "template", "job")).ShouldBe(0);
        (await orb.RunAsync("start", "job")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "job", "sleep", "600")).ShouldBe(0);

        Assert.Equal("running", await orb.StateAsync("job"));
    }

    [Fact]
    public async Task The_published_profile_supplies_durations_that_a_key_can_override()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "profile": "published", "create": 0, "provisioning": 0, "stop": 0 } }
            """);
        await orb.CreateAsync("template");
        await orb.RunAsync("stop", "template");

        (await orb.RunAsync("clone", "template", "job")).ShouldBe(0);

        // The published clone takes 500 ms; the test profile's takes 50 ms.
        Assert.True(orb.Sandbox.ReadLog().Single(i => i.Command == "clone").Took() >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_scripted_command_costs_its_duration_before_answering()
    {
        using var orb = new SimulatedOrbStack("""
            { "timeScale": 100,
              "durations": { "create": 0, "provisioning": 0 },
              "run": [ { "command": ["apt-get", "install", "-y", "nginx"], "durationMs": 30000, "stdout": "installed\n" } ] }
            """);
        await orb.CreateAsync("box");

        (await orb.RunAsync("run", "-m", "box", "apt-get", "install", "-y", "nginx")).ShouldBe(0, "installed\n");

        // 30 s of simulated time at a scale of 100 is 300 ms of real time.
        Assert.True(orb.Sandbox.ReadLog().Single(i => i.Command == "run").Took() >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task An_executed_scripted_command_runs_the_built_in_so_its_files_are_kept_and_cloned()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0, "stop": 0, "clone": 0, "cloneFirstBoot": 0 },
              "run": [ { "command": ["mkdir", "-p", "/opt/seeded"], "durationMs": 100, "execute": true } ] }
            """);
        await orb.CreateAsync("template");

        (await orb.RunAsync("run", "-m", "template", "mkdir", "-p", "/opt/seeded")).ShouldBe(0);
        await orb.RunAsync("stop", "template");
        await orb.RunAsync("clone", "template", "job");

        (await orb.RunAsync("run", "-m", "job", "test", "-d", "/opt/seeded")).ShouldBe(0);
        Assert.True(orb.Sandbox.ReadLog().First(i => i.Command == "run").Took() >= TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData(600, 0, 0)]
    [InlineData(0, 600, 1)]
    public async Task A_clones_first_boot_takes_its_own_duration_and_later_starts_the_ordinary_one(
        int cloneFirstBoot, int start, int slowStart)
    {
        using var orb = new SimulatedOrbStack($$"""
            { "durations": { "create": 0, "provisioning": 0, "stop": 0, "clone": 0, "start": {{start}}, "cloneFirstBoot": {{cloneFirstBoot}} } }
            """);
        await orb.CreateAsync("template");
        await orb.RunAsync("stop", "template");
        await orb.RunAsync("clone", "template", "job");

        (await orb.RunAsync("start", "job")).ShouldBe(0);
        (await orb.RunAsync("stop", "job")).ShouldBe(0);
        (await orb.RunAsync("start", "job")).ShouldBe(0);

        var starts = orb.Sandbox.ReadLog().Where(i => i.Command == "start").ToList();
        Assert.True(starts[slowStart].Took() >= TimeSpan.FromMilliseconds(600));
    }
}
