using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class RunReportTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private string ReportPath => Path.Combine(_bed.StateDirectory, "reports", "run.json");

    [Fact]
    public async Task The_report_describes_each_machine_with_timings_attempts_hangs_and_outcome()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Hang);
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.ImageNotFound, "[-32098] create 'of-t3st-web': make rootfs: image not found: {debian buster arm64 default}"));
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { ReportPath = ReportPath, Watchdog = true });
        await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithArch("arm64")));
        await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("web", "debian:10"))));

        await provisioner.DisposeAsync();

        var machines = JsonNode.Parse(await File.ReadAllTextAsync(ReportPath))!["machines"]!.AsArray();
        Assert.Equal(2, machines.Count);
        var db = machines[0]!;
        Assert.Equal("of-t3st-db", (string?)db["name"]);
        Assert.Equal("t3st", (string?)db["session"]);
        Assert.Equal("ready", (string?)db["outcome"]);
        Assert.Equal(2, (int?)JsonNode.Parse(File.ReadAllText(ReportPath))!["version"]);
        Assert.Equal("Watchdog", (string?)db["readyVia"]);
        Assert.Equal(1, (int?)db["hangsAdopted"]);
        Assert.Equal(1, (int?)db["createAttempts"]);
        Assert.Equal(2000.0, (double?)db["readyAfterMs"]);
        Assert.Equal("Deleted", (string?)db["cleanup"]);
        Assert.Equal(0, (long?)db["eventsDropped"]);
        Assert.Equal("arm64", (string?)db["spec"]!["arch"]);
        Assert.Contains(db["events"]!.AsArray(), e => (string?)e!["type"] == "attemptFinished" && (string?)e["operation"] == "Create"
            && (string?)e["outcome"] == "Cancelled" && (string?)e["decision"] == "KilledByWatchdog");
        Assert.Contains(db["events"]!.AsArray(), e => (string?)e!["type"] == "hangAdopted" && (double?)e["after"] == 2000.0);
        var web = machines[1]!;
        Assert.Equal("failed", (string?)web["outcome"]);
        Assert.Equal(provisioner.Logs.Single(l => l.LogicalName == "web").OfType<ProvisioningFailed>().Single().Summary, (string?)web["failure"]);
        Assert.Contains(web["events"]!.AsArray(), e => (string?)e!["type"] == "provisioningFailed" && (string?)e["error"] == "ImageNotFound");
    }

    [Fact]
    public async Task Several_provisioners_merge_their_machines_into_one_report()
    {
        foreach (var session in new[] { "aaaa", "bbbb" })
        {
            await using var provisioner = _bed.NewProvisioner(session, _bed.Options with { ReportPath = ReportPath });
            await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));
        }

        var machines = JsonNode.Parse(await File.ReadAllTextAsync(ReportPath))!["machines"]!.AsArray();

        Assert.Equal(["of-aaaa-db", "of-bbbb-db"], machines.Select(m => (string?)m!["name"]));
    }

    [Fact]
    public async Task Without_a_report_path_nothing_is_written()
    {
        await using (var provisioner = _bed.NewProvisioner())
            await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        Assert.Empty(Directory.GetFiles(_bed.StateDirectory, "*.json", SearchOption.TopDirectoryOnly));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"machines\": 3}")]
    [InlineData("{\"something\": \"else\"}")]
    [InlineData("garbage {")]
    public async Task A_file_that_is_not_a_report_is_kept_as_corrupt_and_replaced_and_teardown_succeeds(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ReportPath)!);
        await File.WriteAllTextAsync(ReportPath, content);
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { ReportPath = ReportPath });
        await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        await provisioner.DisposeAsync();

        var machines = JsonNode.Parse(await File.ReadAllTextAsync(ReportPath))!["machines"]!.AsArray();
        Assert.Equal("of-t3st-db", (string?)Assert.Single(machines)!["name"]);
        Assert.Equal(content, await File.ReadAllTextAsync(ReportPath + ".corrupt"));
        Assert.Contains(ReportPath + ".corrupt", Assert.Single(provisioner.SessionLog.OfType<Note>()).Message, StringComparison.Ordinal);
        Assert.Equal([ReportPath, ReportPath + ".corrupt"], Directory.GetFiles(Path.GetDirectoryName(ReportPath)!).Order());
    }

    [Fact]
    public async Task No_lock_file_is_left_beside_the_report()
    {
        await using (var provisioner = _bed.NewProvisioner(options: _bed.Options with { ReportPath = ReportPath }))
            await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        Assert.Equal([ReportPath], Directory.GetFiles(Path.GetDirectoryName(ReportPath)!));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_never_breaks_teardown()
    {
        Directory.CreateDirectory(ReportPath); // a directory where the file should be
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { ReportPath = ReportPath });
        await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        await provisioner.DisposeAsync();

        var note = Assert.Single(provisioner.SessionLog.OfType<Note>());
        Assert.Contains(ReportPath, note.Message, StringComparison.Ordinal);
        Assert.Contains(EventText.ProgressLine(provisioner.SessionLog, note), _bed.Progress);
        Assert.False(_bed.OrbCtl.Exists("of-t3st-db"));
    }

    [Fact]
    public async Task Writers_that_finish_at_the_same_time_both_land_in_the_report()
    {
        var provisioners = new List<MachineProvisioner>();
        foreach (var session in new[] { "aaaa", "bbbb", "cccc", "dddd" })
        {
            var provisioner = _bed.NewProvisioner(session, _bed.Options with { ReportPath = ReportPath });
            await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));
            provisioners.Add(provisioner);
        }

        await Task.WhenAll(provisioners.Select(p => Task.Run(async () => await p.DisposeAsync())));

        var machines = JsonNode.Parse(await File.ReadAllTextAsync(ReportPath))!["machines"]!.AsArray();
        Assert.Equal(["of-aaaa-db", "of-bbbb-db", "of-cccc-db", "of-dddd-db"], machines.Select(m => (string?)m!["name"]).Order());
        Assert.Equal([ReportPath], Directory.GetFiles(Path.GetDirectoryName(ReportPath)!));
    }
}
