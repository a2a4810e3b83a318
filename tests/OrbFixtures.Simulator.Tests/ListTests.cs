using System.Text.Json;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class ListTests(ThreeMachinesFixture three) : IClassFixture<ThreeMachinesFixture>
{
    [Fact]
    public async Task With_no_machines_json_is_an_empty_array_and_text_is_empty()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("list", "-f", "json")).ShouldBe(0, "[]\n");
        (await orb.RunAsync("list")).ShouldBe(0);
        (await orb.RunAsync("list", "-q")).ShouldBe(0);
    }

    [Fact]
    public async Task Text_output_is_tab_aligned_without_a_header_when_captured()
    {
        var orb = three.Orb;

        var outcome = await orb.RunAsync("list");

        outcome.ShouldBe(0,
            "a-much-longer-name  running  alpine  3.22      arm64  24.0 MB   192.168.138.120\n" +
            "alpha               running  ubuntu  plucky    arm64  848.0 MB  192.168.138.136\n" +
            "beta                stopped  debian  bookworm  amd64  498.0 MB  \n");
    }

    [Fact]
    public async Task Running_only_and_quiet_filter_the_names()
    {
        var orb = three.Orb;

        (await orb.RunAsync("list", "-q")).ShouldBe(0, "a-much-longer-name\nalpha\nbeta\n");
        (await orb.RunAsync("list", "-q", "-r")).ShouldBe(0, "a-much-longer-name\nalpha\n");
        var text = await orb.RunAsync("list", "--running");
        Assert.Equal(2, text.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("beta", text.StandardOutput);
    }

    [Fact]
    public async Task Quiet_takes_precedence_over_the_json_format()
    {
        var orb = three.Orb;

        (await orb.RunAsync("list", "-q", "-f", "json")).ShouldBe(0, "a-much-longer-name\nalpha\nbeta\n");
    }

    [Fact]
    public async Task Json_output_is_an_array_of_records_without_disk_or_ip()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("alpha", "ubuntu", "-u", "alice");
        var id = (await orb.RecordAsync("alpha"))!.Value.GetProperty("id").GetString();

        var outcome = await orb.RunAsync("list", "-f", "json");

        outcome.ShouldBe(0, $$"""
            [
              {
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
              }
            ]

            """);
    }

    [Fact]
    public async Task Json_running_only_lists_running_records()
    {
        var orb = three.Orb;

        var outcome = await orb.RunAsync("list", "--format=json", "-r");

        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.Equal(["a-much-longer-name", "alpha"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.Equal("running", r.GetProperty("state").GetString()));
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("JSON")]
    public async Task An_unknown_format_is_an_argument_error(string format)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("list", "-f", format);

        outcome.ShouldBeUsageError($"invalid format: {format}", ExpectedUsage.List);
    }

    [Fact]
    public async Task The_builtin_docker_machine_is_hidden()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("list", "-q")).ShouldBe(0, "box\n");
        Assert.Equal("running", await orb.StateAsync("docker"));
    }
}
