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

    [Fact]
    public async Task Distro_tokens_become_image_names_with_their_latest_version()
    {
        using var orb = new SimulatedOrbStack();
        string[] tokens = ["alma", "arch", "rocky", "void", "gentoo", "ubuntu", "debian", "alpine"];
        foreach (var token in tokens) await orb.CreateAsync($"m-{token}", token);

        var images = await ImagesAsync(orb);

        Assert.Equal("almalinux 9 default", images["m-alma"]);
        Assert.Equal("archlinux current default", images["m-arch"]);
        Assert.Equal("rockylinux 9 default", images["m-rocky"]);
        Assert.Equal("voidlinux current default", images["m-void"]);
        Assert.Equal("gentoo current openrc", images["m-gentoo"]);
        Assert.Equal("ubuntu plucky default", images["m-ubuntu"]);
        Assert.Equal("debian bookworm default", images["m-debian"]);
        Assert.Equal("alpine 3.22 default", images["m-alpine"]);
    }

    [Fact]
    public async Task Version_numbers_are_recorded_as_codenames_and_others_verbatim()
    {
        using var orb = new SimulatedOrbStack();
        string[] images = ["ubuntu:24.04", "ubuntu:22.04", "ubuntu:noble", "debian:12", "debian:13", "devuan:5", "fedora:41", "centos:10-Stream"];
        for (var i = 0; i < images.Length; i++) await orb.CreateAsync($"m{i}", images[i]);

        var recorded = await ImagesAsync(orb);

        Assert.Equal(
            ["ubuntu noble", "ubuntu jammy", "ubuntu noble", "debian bookworm", "debian trixie", "devuan daedalus", "fedora 41", "centos 10-Stream"],
            Enumerable.Range(0, images.Length).Select(i => string.Join(' ', recorded[$"m{i}"].Split(' ')[..2])));
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

    /// <summary>"distro version variant" of every machine, by name, from one <c>list -f json</c>.</summary>
    private static async Task<Dictionary<string, string>> ImagesAsync(SimulatedOrbStack orb)
    {
        using var json = JsonDocument.Parse((await orb.RunAsync("list", "-f", "json")).StandardOutput);
        return json.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => string.Join(' ', ((string[])["distro", "version", "variant"]).Select(k => r.GetProperty("image").GetProperty(k).GetString())));
    }
}
