using System.Text.Json;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class InfoTests(BoxFixture box) : IClassFixture<BoxFixture>
{
    [Fact]
    public async Task Json_info_is_the_wrapper_with_record_disk_size_and_ips()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("alpha", "ubuntu", "-u", "alice");
        var id = (await orb.RecordAsync("alpha"))!.Value.GetProperty("id").GetString();

        var outcome = await orb.RunAsync("info", "alpha", "-f", "json");

        outcome.ShouldBe(0, $$"""
            {
              "record": {
                "id": "{{id}}",
                "name": "alpha",
                "image": {
                  "distro": "ubuntu",
                  "version": "plucky",
                  "arch": "arm64",
                  "variant": "default"
                },
                "config": {
                  "isolated": false,
                  "isolate_network": false,
                  "default_username": "alice"
                },
                "builtin": false,
                "state": "running"
              },
              "disk_size": 847974400,
              "ip4": "192.168.138.136",
              "ip6": "fd07:b51a:cc66:0:127b:7dff:fec4:ae8b"
            }

            """);
    }

    [Fact]
    public async Task Text_info_groups_identity_image_disk_and_addresses()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("alpha", "ubuntu:noble");
        var id = (await orb.RecordAsync("alpha"))!.Value.GetProperty("id").GetString();

        var outcome = await orb.RunAsync("info", "alpha");

        outcome.ShouldBe(0,
            $"ID: {id}\nName: alpha\nState: running\n\n" +
            "Distro: ubuntu\nVersion: noble\nArchitecture: arm64\n\n" +
            "Disk usage: 848.0 MB\n\n" +
            "IPv4: 192.168.138.136\nIPv6: fd07:b51a:cc66:0:127b:7dff:fec4:ae8b\n\n");
    }

    [Fact]
    public async Task A_stopped_machine_has_no_addresses()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("beta", "debian", "-a", "amd64");
        await orb.RunAsync("stop", "beta");

        var text = await orb.RunAsync("info", "beta");
        var json = await orb.RunAsync("info", "beta", "-f", "json");

        Assert.EndsWith("Distro: debian\nVersion: bookworm\nArchitecture: amd64\n\nDisk usage: 498.0 MB\n\n", text.StandardOutput);
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.False(document.RootElement.TryGetProperty("ip4", out _));
        Assert.False(document.RootElement.TryGetProperty("ip6", out _));
        Assert.Equal(498_000_000, document.RootElement.GetProperty("disk_size").GetInt64());
    }

    [Fact]
    public async Task A_machine_being_created_has_a_null_disk_size_and_no_addresses()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":30000}}""");
        orb.Launch("create", "ubuntu", "slow");
        await orb.WaitForStateAsync("slow", "creating");

        var outcome = await orb.RunAsync("info", "slow", "--format", "json");

        using var document = JsonDocument.Parse(outcome.StandardOutput);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("disk_size").ValueKind);
        Assert.Equal(["record", "disk_size"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.EndsWith("Architecture: arm64\n\n", (await orb.RunAsync("info", "slow")).StandardOutput);
    }

    [Fact]
    public async Task A_missing_machine_is_a_daemon_error()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("info", "nope", "-f", "json");

        outcome.ShouldFailWith("[-32098] machine not found: 'nope'");
    }

    [Fact]
    public async Task A_machine_can_be_looked_up_by_id()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("alpha");
        var id = (await orb.RecordAsync("alpha"))!.Value.GetProperty("id").GetString()!;

        var record = await orb.RecordAsync(id);

        Assert.Equal("alpha", record!.Value.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("text")]
    [InlineData("")]
    public async Task Any_format_other_than_json_prints_text(string format)
    {
        var outcome = await box.Orb.RunAsync("info", "box", "-f", format);

        Assert.StartsWith("ID: ", outcome.StandardOutput);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task The_builtin_docker_machine_says_it_is_built_in()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("info", "docker");

        Assert.StartsWith("ID: 01GQQVF6C60000000000DOCKER\nName: docker\nState: running\n", outcome.StandardOutput);
        Assert.EndsWith("\nMachine is built-in.\n", outcome.StandardOutput);
    }

    [Fact]
    public async Task Addresses_are_deterministic_per_name_and_inside_orbstack_subnets()
    {
        using var first = new SimulatedOrbStack();
        using var second = new SimulatedOrbStack();
        await first.CreateAsync("of-test-db");
        await second.CreateAsync("of-test-db", "debian");

        var a = JsonDocument.Parse((await first.RunAsync("info", "of-test-db", "-f", "json")).StandardOutput).RootElement;
        var b = JsonDocument.Parse((await second.RunAsync("info", "of-test-db", "-f", "json")).StandardOutput).RootElement;

        Assert.Equal(a.GetProperty("ip4").GetString(), b.GetProperty("ip4").GetString());
        Assert.Equal(a.GetProperty("ip6").GetString(), b.GetProperty("ip6").GetString());
        var octets = a.GetProperty("ip4").GetString()!.Split('.').Select(int.Parse).ToArray();
        Assert.Equal([192, 168], octets[..2]);
        Assert.InRange(octets[2] * 256 + octets[3], 138 * 256 + 2, 139 * 256 + 254);
        Assert.StartsWith("fd07:b51a:cc66:0:", a.GetProperty("ip6").GetString());
    }
}
