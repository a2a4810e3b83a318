using System.Text.Json.Nodes;
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
        Assert.Equal("watchdog", (string?)db["how"]);
        Assert.Equal(1, (int?)db["hangsAdopted"]);
        Assert.Equal(1, (int?)db["createAttempts"]);
        Assert.Equal(2000.0, (double?)db["readyAfterMs"]);
        Assert.Equal("deleted", (string?)db["cleanup"]);
        Assert.Equal("arm64", (string?)db["spec"]!["arch"]);
        Assert.Contains(db["orbctlAttempts"]!.AsArray(), a => (string?)a!["operation"] == "Create" && (string?)a["outcome"] == "Cancelled");
        var web = machines[1]!;
        Assert.Equal("failed", (string?)web["outcome"]);
        Assert.Contains("image not found", (string?)web["failure"], StringComparison.Ordinal);
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
}
