using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary><c>orbctl config show|get|set|reset</c>, with OrbStack 2.2's per-machine keys.</summary>
public sealed class ConfigTests
{
    private const string CpuMax = "/sys/fs/cgroup/cpu.max";
    private const string MemoryMax = "/sys/fs/cgroup/memory.max";

    [Fact]
    public async Task Config_get_reads_back_the_limits_create_was_given_and_zero_for_none()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("limited", "ubuntu", "--cpus", "2", "--memory", "4G", "--disk", "64G");
        await orb.CreateAsync("free");

        (await orb.RunAsync("config", "get", "machine.limited.cpu")).ShouldBe(0, "2\n");
        (await orb.RunAsync("config", "get", "machine.limited.memory_mib")).ShouldBe(0, "4096\n");
        (await orb.RunAsync("config", "get", "machine.limited.disk_bytes")).ShouldBe(0, "68719476736\n");
        (await orb.RunAsync("config", "get", "machine.free.cpu")).ShouldBe(0, "0\n");
        (await orb.RunAsync("config", "get", "machine.free.memory_mib")).ShouldBe(0, "0\n");
        (await orb.RunAsync("config", "get", "machine.free.disk_bytes")).ShouldBe(0, "0\n");
    }

    [Fact]
    public async Task Settings_of_a_stopped_clone_set_before_its_first_boot_are_what_the_guest_boots_with()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("template", "ubuntu", "--cpus", "1", "--memory", "1G");
        await orb.RunAsync("stop", "template");
        await orb.RunAsync("clone", "template", "job");

        (await orb.RunAsync("config", "get", "machine.job.cpu")).ShouldBe(0, "1\n");
        (await orb.RunAsync("config", "set", "machine.job.cpu", "4")).ShouldBe(0);
        (await orb.RunAsync("config", "set", "machine.job.memory_mib", "2048")).ShouldBe(0);
        (await orb.RunAsync("config", "set", "machine.job.disk_bytes", "10737418240")).ShouldBe(0);
        (await orb.RunAsync("start", "job")).ShouldBe(0);

        (await orb.RunAsync("run", "-m", "job", "cat", CpuMax)).ShouldBe(0, "400000 100000\n");
        (await orb.RunAsync("run", "-m", "job", "cat", MemoryMax)).ShouldBe(0, "2147483648\n");
        (await orb.RunAsync("run", "-m", "template", "cat", CpuMax)).ShouldBe(0, "100000 100000\n");
    }

    [Fact]
    public async Task A_setting_changed_on_a_running_machine_applies_at_its_next_boot()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "--memory", "1G");

        (await orb.RunAsync("config", "set", "machine.box.memory_mib", "512")).ShouldBe(0);

        (await orb.RunAsync("config", "get", "machine.box.memory_mib")).ShouldBe(0, "512\n");
        (await orb.RunAsync("run", "-m", "box", "cat", MemoryMax)).ShouldBe(0, "1073741824\n");
        (await orb.RunAsync("restart", "box")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "box", "cat", MemoryMax)).ShouldBe(0, "536870912\n");
    }

    [Fact]
    public async Task Isolation_and_user_keys_change_what_info_reports()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "-u", "alice");

        (await orb.RunAsync("config", "set", "machine.box.isolated", "true")).ShouldBe(0);
        (await orb.RunAsync("config", "set", "machine.box.isolate_network", "1")).ShouldBe(0);
        (await orb.RunAsync("config", "set", "machine.box.forward_ssh_agent", "T")).ShouldBe(0);
        (await orb.RunAsync("config", "set", "machine.box.username", "bob")).ShouldBe(0);

        var config = (await orb.RecordAsync("box"))!.Value.GetProperty("config");
        Assert.True(config.GetProperty("isolated").GetBoolean());
        Assert.True(config.GetProperty("isolate_network").GetBoolean());
        Assert.Equal("bob", config.GetProperty("default_username").GetString());
        (await orb.RunAsync("config", "get", "machine.box.forward_ssh_agent")).ShouldBe(0, "true\n");
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "machine.box.cpu", "0", "CPU limit must be at least 1" },
        { "machine.box.cpu", "9", "CPU limit cannot exceed number of cores" },
        { "machine.box.cpu", "two", "strconv.ParseUint: parsing \"two\": invalid syntax" },
        { "machine.box.memory_mib", "1.5", "strconv.ParseUint: parsing \"1.5\": invalid syntax" },
        { "machine.box.disk_bytes", "99999999999999999999", "strconv.ParseUint: parsing \"99999999999999999999\": value out of range" },
        { "machine.box.isolated", "yes", "strconv.ParseBool: parsing \"yes\": invalid syntax" },
        { "machine.box.cpus", "2", "Unknown machine config key: machine.box.cpus" },
        { "machine.box", "2", "Invalid machine config key: machine.box" },
        { "machine.ghost.cpu", "2", "[-32098] machine not found: 'ghost'" },
        { "cpus", "2", "Unknown configuration key: cpus" },
        { "app.start_at_login", "true", "Unknown configuration key: app.start_at_login" },
        { "cpu", "64", "CPU limit cannot exceed number of cores" },
        { "rosetta", "maybe", "strconv.ParseBool: parsing \"maybe\": invalid syntax" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_key_or_value_is_refused_with_orbctls_text_and_changes_nothing(string key, string value, string error)
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "--cpus", "2");
        var before = await orb.RunAsync("config", "show");

        (await orb.RunAsync("config", "set", key, value)).ShouldFailWith(error);

        (await orb.RunAsync("config", "show")).ShouldBe(0, before.StandardOutput);
    }

    [Theory]
    [InlineData("machine.box.nope", "Unknown machine config key: machine.box.nope")]
    [InlineData("machine.ghost.cpu", "[-32098] machine not found: 'ghost'")]
    [InlineData("nope", "Unknown configuration key: nope")]
    public async Task Config_get_of_an_unknown_key_or_machine_is_refused(string key, string error)
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("config", "get", key)).ShouldFailWith(error);
    }

    [Fact]
    public async Task Config_show_lists_every_key_sorted_with_dotted_machine_names_quoted()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("web.local", "debian", "-u", "alice", "--cpus", "3", "--isolated");

        var outcome = await orb.RunAsync("config", "show");

        var lines = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains("machine.\"web.local\".cpu: 3", lines);
        Assert.Contains("machine.\"web.local\".isolated: true", lines);
        Assert.Contains("machine.\"web.local\".username: alice", lines);
        Assert.Contains("cpu: 8", lines);
        Assert.Contains("memory_mib: 8192", lines);
        (await orb.RunAsync("config", "get", "machine.\"web.local\".cpu")).ShouldBe(0, "3\n");
    }

    [Fact]
    public async Task An_orbstack_wide_setting_asks_for_a_restart_and_reset_restores_the_defaults_but_not_machine_settings()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "--cpus", "2");

        (await orb.RunAsync("config", "set", "memory_mib", "4096"))
            .ShouldBe(0, stderr: "Restart OrbStack with \"orbctl stop\" to apply changes.\n");
        (await orb.RunAsync("config", "set", "network_proxy", "none")).ShouldBe(0);
        (await orb.RunAsync("config", "get", "memory_mib")).ShouldBe(0, "4096\n");

        (await orb.RunAsync("config", "reset")).ShouldBe(0, stderr: "Restart OrbStack with \"orbctl stop\" to apply all changes.\n");

        (await orb.RunAsync("config", "get", "memory_mib")).ShouldBe(0, "8192\n");
        (await orb.RunAsync("config", "get", "network_proxy")).ShouldBe(0, "auto\n");
        (await orb.RunAsync("config", "get", "machine.box.cpu")).ShouldBe(0, "2\n");
    }

    [Theory]
    [InlineData]
    [InlineData("sett", "machine.box.cpu", "2")]
    public async Task Config_without_a_known_subcommand_prints_its_help_and_succeeds_like_cobra(params string[] args)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(["config", .. args]);

        Assert.StartsWith("Change OrbStack settings.\n\nUsage:\n  orbctl config [command]\n\nAvailable Commands:\n", outcome.StandardOutput);
        Assert.Contains("\n  set         Set a config option\n", outcome.StandardOutput);
        Assert.Equal("", outcome.StandardError);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task A_subcommand_with_the_wrong_arguments_is_a_usage_error()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("config", "set", "machine.box.cpu")).ShouldBeUsageError("accepts 2 arg(s), received 1", """
            Usage:
              orbctl config set KEY VALUE [flags]

            Examples:
              orbctl set memory_mib 4096

            Flags:
              -h, --help   help for set

            """);
        (await orb.RunAsync("config", "show", "extra")).ShouldBeUsageError("unknown command \"extra\" for \"orbctl config show\"", """
            Usage:
              orbctl config show [flags]

            Examples:
              orbctl show

            Flags:
              -h, --help   help for show

            """);
    }

    [Fact]
    public async Task A_fault_can_target_the_machine_a_config_key_names()
    {
        using var orb = new SimulatedOrbStack("""
            { "durations": { "create": 0, "provisioning": 0 },
              "faults": [ { "op": "config", "machine": "job-*", "action": "fail", "stderr": "boom {name}" } ] }
            """);
        await orb.CreateAsync("job-1");
        await orb.CreateAsync("other");

        (await orb.RunAsync("config", "set", "machine.job-1.cpu", "2")).ShouldFailWith("boom job-1");
        (await orb.RunAsync("config", "set", "machine.other.cpu", "2")).ShouldBe(0);
    }
}
