using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>Many machines, reuse across runs and secrets, against the simulator.</summary>
public sealed class SimulatedFleetTests
{
    [Fact]
    public async Task Eight_machines_with_a_gate_of_two_never_overlap_more_than_two_creates_and_all_become_ready()
    {
        using var world = new SimulatedWorld("""{ "durations": { "create": 100, "provisioning": 50 } }""", SimulatedTuning.Options);
        // Watchdog off: on a busy host it may adopt a ready machine whose create is merely slow to exit, and a killed
        // create has no end in the log, so MaxConcurrent would count it as running to the end.
        var provisioner = world.Provisioner(world.Options() with { MaxParallelCreates = 2, Watchdog = false });

        var machines = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => provisioner.EnsureAsync(MachineSpec.Create($"m{i}", "alpine"))));
        await provisioner.DisposeAsync();

        Assert.All(machines, m => Assert.Equal(MachineState.Running, m.Info.State));
        Assert.Equal(8, world.Log.Count(i => i.Command == "create" && i.ExitCode == 0));
        Assert.Equal(2, world.Sandbox.MaxConcurrent("create"));
        Assert.Equal(8, world.Log.Count(i => i.Command == "delete" && i.ExitCode == 0));
        Assert.Empty(world.RunningOrbctl());
    }

    [Fact]
    public async Task A_reusable_machine_is_adopted_by_the_next_run_without_a_create_and_a_changed_spec_gets_its_own()
    {
        using var world = new SimulatedWorld(tuning: SimulatedTuning.Options);
        var spec = MachineSpec.Create("cache", "alpine").WithReuse();

        Machine first;
        await using (var firstRun = world.Provisioner())
            first = await firstRun.EnsureAsync(spec);
        var afterFirst = world.Log.Count;
        string secondId;
        await using (var secondRun = world.Provisioner())
            secondId = (await secondRun.EnsureAsync(MachineSpec.Create("cache", "alpine").WithReuse())).Id;
        var afterSecond = world.Log.Count;
        Machine third;
        await using (var thirdRun = world.Provisioner())
            third = await thirdRun.EnsureAsync(spec.WithUser("app"));

        var log = string.Join(Environment.NewLine, world.Log.Select(i => $"{string.Join(' ', i.Argv)} -> {i.ExitCode}"));
        Assert.Equal(first.Id, secondId);
        var second = world.Log.Skip(afterFirst).Take(afterSecond - afterFirst).Select(i => i.Command).ToList();
        Assert.True(second.SequenceEqual(["info", "run"]), "the second run should only look up and probe:\n" + log);
        var thirdCalls = world.Log.Skip(afterSecond).ToList();
        Assert.True(thirdCalls.Where(i => i.Command is "delete" or "create").Select(i => i.Command).SequenceEqual(["create"]),
            "the third run should only create:\n" + log);
        Assert.DoesNotContain(thirdCalls, i => i.Argv.Contains(first.Name));
        Assert.NotEqual(first.Name, third.Name);
        Assert.Equal(first.Id, (string?)(await world.InfoAsync(first.Name))!["record"]!["id"]);
        var info = await world.InfoAsync(third.Name);
        Assert.Equal(third.Id, (string?)info!["record"]!["id"]);
        Assert.Equal("app", (string?)info["record"]!["config"]!["default_username"]);
    }

    [Fact]
    public async Task Secrets_never_appear_in_histories_messages_logs_or_the_report()
    {
        const string Secret = "hunter2-Pa55w0rd";
        using var world = new SimulatedWorld("""
            { "faults": [ { "op": "create", "machine": "*-web", "action": "fail", "exitCode": 1,
                            "stderr": "[-32098] create '{name}': make rootfs: image not found: {debian bookworm arm64 cloud}" } ] }
            """, SimulatedTuning.Options);
        var report = Path.Combine(world.Sandbox.Root, "report.json");
        var provisioner = world.Provisioner(world.Options() with { ReportPath = report });
        var userData = $"#cloud-config\npassword: {Secret}\nchpasswd: {{ expire: false }}\n";

        var db = await provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserData(userData));
        var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() =>
            provisioner.EnsureAsync(MachineSpec.Create("web", "debian").WithUserData(userData)));
        await provisioner.DisposeAsync();

        var creates = world.Log.Where(i => i.Command == "create").ToList();
        Assert.Equal(2, creates.Count);
        var userDataPaths = creates.Select(c => c.Argv[Array.IndexOf(c.Argv, "-c") + 1]).ToList();
        Assert.All(userDataPaths, p => Assert.False(File.Exists(p), $"the cloud-init temp file {p} was left behind"));
        Assert.Equal("cloud", db.Info.Image.Variant);
        string[] everywhere =
        [
            File.ReadAllText(world.Sandbox.LogPath), File.ReadAllText(report), failure.Message, EventJson.ToJson(failure.Log).ToJsonString(),
            EventText.Render(db.Log), EventJson.ToJson(db.Log).ToJsonString(), string.Join('\n', world.Progress),
            .. Directory.GetFiles(world.StateDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllText),
        ];
        Assert.All(everywhere, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(report))!["machines"]!.AsArray().Count);
    }
}
