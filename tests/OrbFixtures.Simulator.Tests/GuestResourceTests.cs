using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary>
/// What a guest shows of its machine's settings: OrbStack enforces limits in the root cgroup (<c>cpu.max</c>,
/// <c>memory.max</c>) while <c>nproc</c> shows the whole VM; isolated machines have no <c>/mnt/mac</c>.
/// </summary>
public sealed class GuestResourceTests
{
    [Fact]
    public async Task An_unlimited_machine_has_max_in_its_cgroup_and_nproc_shows_the_vm()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("run", "-m", "box", "cat", "/sys/fs/cgroup/cpu.max")).ShouldBe(0, "max 100000\n");
        (await orb.RunAsync("run", "-m", "box", "cat", "/sys/fs/cgroup/memory.max")).ShouldBe(0, "max\n");
        (await orb.RunAsync("run", "-m", "box", "nproc")).ShouldBe(0, "8\n");
    }

    [Fact]
    public async Task A_cpu_limit_is_in_cpu_max_but_nproc_still_shows_every_core_of_the_host()
    {
        using var orb = new SimulatedOrbStack("""{"hostCpus":12,"durations":{"create":0,"provisioning":0}}""");
        await orb.CreateAsync("box", "ubuntu", "--cpus", "3", "--memory", "2048M");

        (await orb.RunAsync("run", "-m", "box", "sh", "-c", "cat /sys/fs/cgroup/cpu.max; cat /sys/fs/cgroup/memory.max; nproc"))
            .ShouldBe(0, "300000 100000\n2147483648\n12\n");
        (await orb.RunAsync("run", "-m", "box", "ls", "/sys/fs/cgroup")).ShouldBe(0, "cpu.max\nmemory.max\n");
    }

    [Fact]
    public async Task Only_a_machine_that_is_not_isolated_sees_the_mac_at_mnt_mac()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("integrated");
        await orb.CreateAsync("isolated", "ubuntu", "--isolated");

        (await orb.RunAsync("run", "-m", "integrated", "test", "-d", "/mnt/mac")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "isolated", "test", "-d", "/mnt/mac")).ShouldBe(1);
    }

    [Fact]
    public async Task A_cloud_init_clone_runs_cloud_init_again_after_its_first_boot()
    {
        // The template is made with an instant cloud-init; the clone's first boot then takes a minute of it.
        using var orb = new SimulatedOrbStack();
        await CloneOfCloudInitTemplateAsync(orb);
        orb.Sandbox.WriteScenario("""
            { "durations": { "create": 0, "provisioning": 0, "cloudInit": 60000, "start": 0, "stop": 0, "clone": 0, "cloneFirstBoot": 0 } }
            """);

        (await orb.RunAsync("start", "job")).ShouldBe(0);

        (await orb.RunAsync("run", "-m", "job", "cloud-init", "status")).ShouldBe(0, "status: running\n");
        (await orb.RunAsync("run", "-m", "template", "cloud-init", "status")).ShouldBe(0, "status: done\n");
    }

    [Fact]
    public async Task Cloud_init_status_wait_blocks_until_cloud_init_is_done()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0, "cloudInit": 1000, "stop": 0, "clone": 0, "cloneFirstBoot": 0 } }
            """);
        await CloneOfCloudInitTemplateAsync(orb);
        await orb.RunAsync("start", "job");

        (await orb.RunAsync("run", "-m", "job", "cloud-init", "status", "--wait")).ShouldBe(0, "status: done\n");

        (await orb.RunAsync("run", "-m", "job", "cloud-init", "status")).ShouldBe(0, "status: done\n");
        var wait = orb.Sandbox.ReadLog().First(i => i.Argv.Contains("--wait"));
        Assert.True(wait.Took() >= TimeSpan.FromMilliseconds(500));
    }

    /// <summary>A stopped template made with <c>create -c</c>, and its clone <c>job</c>, which has not booted yet.</summary>
    private static async Task CloneOfCloudInitTemplateAsync(SimulatedOrbStack orb)
    {
        await orb.CreateAsync("template", "ubuntu", "-c", await orb.UserDataFileAsync());
        (await orb.RunAsync("stop", "template")).ShouldBe(0);
        (await orb.RunAsync("clone", "template", "job")).ShouldBe(0);
    }
}
