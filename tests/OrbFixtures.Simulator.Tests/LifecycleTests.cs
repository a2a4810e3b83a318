using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Stop_and_start_are_idempotent_and_silent()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("stop", "box")).ShouldBe(0);
        Assert.Equal("stopped", await orb.StateAsync("box"));
        (await orb.RunAsync("stop", "box")).ShouldBe(0);
        (await orb.RunAsync("start", "box")).ShouldBe(0);
        Assert.Equal("running", await orb.StateAsync("box"));
        (await orb.RunAsync("start", "box")).ShouldBe(0);
    }

    [Fact]
    public async Task Restart_brings_a_running_or_stopped_machine_back_to_running()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");
        await orb.RunAsync("stop", "two");

        (await orb.RunAsync("restart", "one", "two")).ShouldBe(0);

        Assert.Equal("running", await orb.StateAsync("one"));
        Assert.Equal("running", await orb.StateAsync("two"));
    }

    [Fact]
    public async Task Start_and_stop_wait_through_their_transitional_states()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":0,"provisioning":0,"stop":30000,"start":0}}""");
        await orb.CreateAsync("box");

        orb.Launch("stop", "box");

        await orb.WaitForStateAsync("box", "stopping");
    }

    [Fact]
    public async Task All_flags_stop_and_start_every_machine_but_keep_OrbStack_running()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");

        (await orb.RunAsync("stop", "-a")).ShouldBe(0);
        Assert.Equal("stopped", await orb.StateAsync("one"));
        Assert.Equal("stopped", await orb.StateAsync("two"));
        (await orb.RunAsync("status")).ShouldBe(0, "Running\n");

        (await orb.RunAsync("start", "--all")).ShouldBe(0);
        (await orb.RunAsync("list", "-q", "-r")).ShouldBe(0, "one\ntwo\n");
    }

    [Fact]
    public async Task Stop_without_a_machine_stops_the_whole_OrbStack()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("stop")).ShouldBe(0);

        (await orb.RunAsync("status")).ShouldBe(1, "Stopped\n");
        Assert.Equal("running", await orb.StateAsync("box"));
        (await orb.RunAsync("status")).ShouldBe(0, "Running\n");
    }

    [Fact]
    public async Task Start_without_a_machine_reports_an_OrbStack_already_running()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("start");

        outcome.ShouldBe(0, stderr: "OrbStack is already running. Docker engine is ready to use.\nUse --all to start all machines.\n");
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("restart")]
    [InlineData("delete")]
    public async Task Lifecycle_commands_on_a_missing_machine_are_daemon_errors(string command)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(command, "ghost");

        outcome.ShouldFailWith("[-32098] machine not found: 'ghost'");
    }

    [Fact]
    public async Task Starting_a_machine_that_is_still_being_created_is_a_bad_transition()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":30000}}""");
        orb.Launch("create", "ubuntu", "slow");
        await orb.WaitForStateAsync("slow", "creating");

        var outcome = await orb.RunAsync("start", "slow");

        outcome.ShouldFailWith("[-32098] cannot transition from creating to starting");
    }

    [Fact]
    public async Task Stopping_a_machine_during_provisioning_deletes_it_and_fails_its_create()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":0,"provisioning":30000}}""");
        var create = orb.Launch("create", "ubuntu", "fragile");
        await orb.WaitForStateAsync("fragile", "provisioning");

        var stop = await orb.RunAsync("stop", "fragile");

        stop.ShouldFailWith("[-32098] stop 'fragile': setup: do initial setup: canceled by machine shutdown");
        Assert.Null(await orb.StateAsync("fragile"));
        (await create.WaitAsync(TimeSpan.FromSeconds(10)))
            .ShouldFailWith("[-32098] create 'fragile': setup: do initial setup: canceled by machine shutdown");
    }

    [Fact]
    public async Task Deleting_a_machine_during_creation_cancels_the_create()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":30000,"delete":0}}""");
        var create = orb.Launch("create", "ubuntu", "doomed");
        await orb.WaitForStateAsync("doomed", "creating");

        (await orb.RunAsync("delete", "-f", "doomed")).ShouldBe(0);

        Assert.Null(await orb.StateAsync("doomed"));
        (await create.WaitAsync(TimeSpan.FromSeconds(10)))
            .ShouldFailWith("[-32098] create 'doomed': setup: do initial setup: canceled by machine shutdown");
    }

    [Fact]
    public async Task Stopping_OrbStack_loses_machines_that_were_still_being_created()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":30000,"stop":0,"daemonStart":0}}""");
        var create = orb.Launch("create", "ubuntu", "interrupted");
        await orb.WaitForStateAsync("interrupted", "creating");

        (await orb.RunAsync("stop")).ShouldBe(0);

        Assert.Null(await orb.StateAsync("interrupted"));
        Assert.Equal(1, (await create.WaitAsync(TimeSpan.FromSeconds(10))).ExitCode);
    }

    [Fact]
    public async Task Delete_removes_the_machine_and_its_files()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");
        await orb.RunAsync("run", "-m", "box", "mkdir", "-p", "data");
        var id = (await orb.RecordAsync("box"))!.Value.GetProperty("id").GetString()!;
        var files = Path.Combine(orb.Sandbox.Home, "machines", id);
        Assert.True(Directory.Exists(files));

        (await orb.RunAsync("delete", "-f", "box")).ShouldBe(0);

        Assert.Null(await orb.StateAsync("box"));
        Assert.False(Directory.Exists(files));
    }

    [Fact]
    public async Task Delete_checks_every_machine_before_deleting_any()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("keep");

        var outcome = await orb.RunAsync("delete", "keep", "ghost");

        outcome.ShouldFailWith("[-32098] machine not found: 'ghost'");
        Assert.Equal("running", await orb.StateAsync("keep"));
    }

    [Fact]
    public async Task Delete_all_removes_every_machine_but_not_the_builtin_one()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");

        (await orb.RunAsync("delete", "-a", "-f")).ShouldBe(0);

        (await orb.RunAsync("list", "-f", "json")).ShouldBe(0, "[]\n");
        Assert.Equal("running", await orb.StateAsync("docker"));
    }

    [Fact]
    public async Task The_builtin_machine_cannot_be_deleted()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("delete", "docker")).ShouldFailWith("[-32098] cannot delete builtin machine");
    }

    [Fact]
    public async Task Shutdown_is_an_alias_of_stop()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("shutdown", "box")).ShouldBe(0);

        Assert.Equal("stopped", await orb.StateAsync("box"));
    }
}
