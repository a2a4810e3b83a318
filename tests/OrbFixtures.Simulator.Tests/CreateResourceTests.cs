using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary>OrbStack 2.2's <c>create --cpus/--memory/--disk/--isolated/--isolate-network</c>.</summary>
public sealed class CreateResourceTests
{
    [Fact]
    public async Task Isolation_flags_show_in_the_config_of_info_and_list()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("sandboxed", "ubuntu", "--isolated", "--isolate-network");
        await orb.CreateAsync("plain");

        var sandboxed = (await orb.RecordAsync("sandboxed"))!.Value.GetProperty("config");
        var plain = (await orb.RecordAsync("plain"))!.Value.GetProperty("config");
        var list = await orb.RunAsync("list", "-f", "json");

        Assert.True(sandboxed.GetProperty("isolated").GetBoolean());
        Assert.True(sandboxed.GetProperty("isolate_network").GetBoolean());
        Assert.False(plain.GetProperty("isolated").GetBoolean());
        Assert.False(plain.GetProperty("isolate_network").GetBoolean());
        Assert.Contains("\"isolated\": true,\n      \"isolate_network\": true,", list.StandardOutput);
    }

    [Theory]
    [InlineData("0", "CPU limit must be at least 1")]
    [InlineData("-2", "CPU limit must be at least 1")]
    [InlineData("9", "CPU limit cannot exceed number of cores")]
    public async Task A_cpu_count_outside_one_to_the_host_cores_is_refused_before_anything_is_created(string cpus, string error)
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("create", "--cpus", cpus, "ubuntu", "box")).ShouldFailWith(error);

        (await orb.RunAsync("list", "-q")).ShouldBe(0);
    }

    [Fact]
    public async Task The_host_core_count_is_a_scenario_setting()
    {
        using var orb = new SimulatedOrbStack("""{"hostCpus":16,"durations":{"create":0,"provisioning":0}}""");

        (await orb.RunAsync("create", "--cpus", "16", "ubuntu", "big")).ShouldBe(0);
        (await orb.RunAsync("create", "--cpus", "17", "ubuntu", "bigger")).ShouldFailWith("CPU limit cannot exceed number of cores");
    }

    [Fact]
    public async Task A_cpu_count_that_is_not_a_number_is_a_flag_error()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("create", "--cpus", "two", "ubuntu", "box")).ShouldBeUsageError(
            "invalid argument \"two\" for \"--cpus\" flag: strconv.ParseInt: parsing \"two\": invalid syntax", ExpectedUsage.Create);
    }

    [Theory]
    [InlineData("--memory", "4096")]
    [InlineData("--memory", "4 G")]
    [InlineData("--memory", "0G")]
    [InlineData("--memory", "1.5G")]
    [InlineData("--disk", "64")]
    [InlineData("--disk", "64X")]
    [InlineData("--disk", "")]
    public async Task A_size_without_a_unit_or_with_a_bad_one_is_refused(string flag, string size)
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("create", flag, size, "ubuntu", "box")).ShouldFailWith($"invalid size: '{size}'");
        (await orb.RunAsync("list", "-q")).ShouldBe(0);
    }

    [Theory]
    [InlineData("4G", "64G")]
    [InlineData("2048M", "48g")]
    [InlineData("4GiB", "1TB")]
    [InlineData("512mb", "10GiB")]
    public async Task Sizes_take_binary_m_g_and_t_units(string memory, string disk)
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("create", "--memory", memory, "--disk", disk, "ubuntu", "box")).ShouldBe(0);
    }
}
