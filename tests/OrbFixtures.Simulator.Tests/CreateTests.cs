using System.Text.Json;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class CreateTests
{
    [Fact]
    public async Task Create_prints_nothing_and_returns_once_the_machine_is_running()
    {
        using var orb = new SimulatedOrbStack(scenarioJson: null);

        var outcome = await orb.RunAsync("create", "ubuntu", "web");

        outcome.ShouldBe(0);
        Assert.Equal("running", await orb.StateAsync("web"));
    }

    [Fact]
    public async Task The_default_name_is_the_distro_token_and_the_version_is_kept()
    {
        using var orb = new SimulatedOrbStack();

        await orb.RunAsync("create", "debian:trixie");

        var record = await orb.RecordAsync("debian");
        Assert.NotNull(record);
        Assert.Equal("trixie", record.Value.GetProperty("image").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("alma", "almalinux", "9", "default")]
    [InlineData("arch", "archlinux", "current", "default")]
    [InlineData("rocky", "rockylinux", "9", "default")]
    [InlineData("void", "voidlinux", "current", "default")]
    [InlineData("gentoo", "gentoo", "current", "openrc")]
    [InlineData("ubuntu", "ubuntu", "plucky", "default")]
    [InlineData("debian", "debian", "bookworm", "default")]
    [InlineData("alpine", "alpine", "3.22", "default")]
    public async Task A_distro_token_becomes_its_image_name_and_latest_version(string token, string image, string version, string variant)
    {
        using var orb = new SimulatedOrbStack();

        await orb.CreateAsync("box", token);

        var imageJson = (await orb.RecordAsync("box"))!.Value.GetProperty("image");
        Assert.Equal(image, imageJson.GetProperty("distro").GetString());
        Assert.Equal(version, imageJson.GetProperty("version").GetString());
        Assert.Equal(variant, imageJson.GetProperty("variant").GetString());
    }

    [Theory]
    [InlineData("ubuntu:24.04", "noble")]
    [InlineData("ubuntu:22.04", "jammy")]
    [InlineData("ubuntu:noble", "noble")]
    [InlineData("debian:12", "bookworm")]
    [InlineData("debian:13", "trixie")]
    [InlineData("devuan:5", "daedalus")]
    [InlineData("fedora:41", "41")]
    [InlineData("centos:10-Stream", "10-Stream")]
    public async Task A_version_number_is_recorded_as_its_codename(string image, string version)
    {
        using var orb = new SimulatedOrbStack();

        await orb.CreateAsync("box", image);

        Assert.Equal(version, (await orb.RecordAsync("box"))!.Value.GetProperty("image").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("arm64", new string[0], "arm64")]
    [InlineData("arm64", new[] { "-a", "amd64" }, "amd64")]
    [InlineData("amd64", new string[0], "amd64")]
    [InlineData("amd64", new[] { "--arch", "i386" }, "i386")]
    [InlineData("amd64", new[] { "--arch=amd64" }, "amd64")]
    public async Task The_architecture_is_the_host_one_unless_overridden(string hostArch, string[] flags, string expected)
    {
        using var orb = new SimulatedOrbStack($$$"""{"hostArch":"{{{hostArch}}}","durations":{"create":0,"provisioning":0}}""");

        await orb.CreateAsync("box", "ubuntu", flags);

        Assert.Equal(expected, (await orb.RecordAsync("box"))!.Value.GetProperty("image").GetProperty("arch").GetString());
    }

    [Theory]
    [InlineData("arm64", "i386")]
    [InlineData("amd64", "arm64")]
    public async Task An_architecture_the_host_cannot_run_is_rejected(string hostArch, string arch)
    {
        using var orb = new SimulatedOrbStack($$"""{"hostArch":"{{hostArch}}"}""");

        var outcome = await orb.RunAsync("create", "-a", arch, "ubuntu", "box");

        outcome.ShouldBeUsageError($"invalid architecture: {arch}", ExpectedUsage.Create);
        Assert.Null(await orb.StateAsync("box"));
    }

    [Fact]
    public async Task The_user_flag_sets_the_default_username()
    {
        using var orb = new SimulatedOrbStack();

        await orb.CreateAsync("box", "ubuntu", "-u", "alice");

        Assert.Equal("alice", (await orb.RecordAsync("box"))!.Value.GetProperty("config").GetProperty("default_username").GetString());
    }

    [Fact]
    public async Task Cloud_init_user_data_selects_the_cloud_variant()
    {
        using var orb = new SimulatedOrbStack();
        var userData = Path.Combine(orb.Sandbox.Root, "user-data.yaml");
        await File.WriteAllTextAsync(userData, "#cloud-config\n");

        await orb.CreateAsync("box", "ubuntu", "-c", userData);

        Assert.Equal("cloud", (await orb.RecordAsync("box"))!.Value.GetProperty("image").GetProperty("variant").GetString());
    }

    [Fact]
    public async Task A_missing_user_data_file_fails_before_anything_is_created()
    {
        using var orb = new SimulatedOrbStack();
        var missing = Path.Combine(orb.Sandbox.Root, "nope.yaml");

        var outcome = await orb.RunAsync("create", "--user-data", missing, "ubuntu", "box");

        outcome.ShouldFailWith($"open {missing}: no such file or directory");
        Assert.Null(await orb.StateAsync("box"));
    }

    [Theory]
    [InlineData("arch", "archlinux")]
    [InlineData("void", "voidlinux")]
    [InlineData("nixos", "nixos")]
    [InlineData("gentoo", "gentoo")]
    public async Task Cloud_init_is_refused_for_distros_without_it(string token, string image)
    {
        using var orb = new SimulatedOrbStack();
        var userData = Path.Combine(orb.Sandbox.Root, "user-data.yaml");
        await File.WriteAllTextAsync(userData, "#cloud-config\n");

        var outcome = await orb.RunAsync("create", "-c", userData, token, "box");

        outcome.ShouldFailWith($"[-32098] create 'box': cloud-init not supported for '{image}'");
    }

    [Fact]
    public async Task Setting_a_password_without_a_terminal_fails_like_the_real_cli()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "-p", "ubuntu", "box");

        outcome.ShouldBe(1, "Password for Linux user: ", "inappropriate ioctl for device\n");
        Assert.Null(await orb.StateAsync("box"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData(".web")]
    [InlineData("my_box")]
    [InlineData("my box")]
    [InlineData("café")]
    [InlineData("default")]
    [InlineData("vm")]
    [InlineData("host")]
    [InlineData("services")]
    [InlineData("gateway")]
    [InlineData("k8s")]
    [InlineData("docker")]
    public async Task An_invalid_or_reserved_name_is_refused_by_the_daemon(string name)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "ubuntu", "--", name);

        outcome.ShouldFailWith($"[-32098] create '{name}': invalid machine name '{name}'");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("web-1")]
    [InlineData("puppet.vagrant.local")]
    [InlineData("Of-Test-01")]
    public async Task Names_with_letters_digits_dashes_and_dots_are_accepted(string name)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "ubuntu", name);

        outcome.ShouldBe(0);
        Assert.Equal("running", await orb.StateAsync(name));
    }

    [Fact]
    public async Task Creating_an_existing_name_says_it_already_exists()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        var outcome = await orb.RunAsync("create", "debian", "box");

        outcome.ShouldFailWith("[-32098] create 'box': machine already exists: 'box'");
        Assert.Equal("ubuntu", (await orb.RecordAsync("box"))!.Value.GetProperty("image").GetProperty("distro").GetString());
    }

    [Theory]
    [InlineData(new[] { "ubuntu:mantic", "box" }, "{ubuntu mantic arm64 default}")]
    [InlineData(new[] { "-a", "amd64", "debian:9", "box" }, "{debian 9 amd64 default}")]
    [InlineData(new[] { "fedora:", "box" }, "{fedora  arm64 default}")]
    public async Task An_unknown_version_is_an_image_not_found(string[] argv, string image)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(["create", .. argv]);

        outcome.ShouldFailWith($"[-32098] create 'box': make rootfs: image not found: {image}");
        Assert.Null(await orb.StateAsync("box"));
    }

    [Fact]
    public async Task The_first_machine_becomes_the_default_and_later_ones_do_not()
    {
        using var orb = new SimulatedOrbStack();

        await orb.CreateAsync("first");
        await orb.CreateAsync("second");

        (await orb.RunAsync("default")).ShouldBe(0, "first\n");
    }

    [Fact]
    public async Task The_create_aliases_create_machines_too()
    {
        using var orb = new SimulatedOrbStack();

        await orb.RunAsync("add", "ubuntu", "one");
        await orb.RunAsync("new", "alpine", "two");

        (await orb.RunAsync("list", "-q")).ShouldBe(0, "one\ntwo\n");
    }

    [Fact]
    public async Task A_created_machine_has_a_26_character_ulid()
    {
        using var orb = new SimulatedOrbStack();

        await orb.CreateAsync("box");

        var id = (await orb.RecordAsync("box"))!.Value.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", id);
        Assert.Equal(JsonValueKind.String, (await orb.RecordAsync(id))!.Value.GetProperty("name").ValueKind);
    }
}
