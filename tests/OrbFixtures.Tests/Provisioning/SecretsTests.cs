using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class SecretsTests : IDisposable
{
    private const string Secret = "S3cr3t-Pa55w0rd";
    private const string UserData = "#cloud-config\nchpasswd:\n  list: |\n    root:" + Secret + "\n";
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private MachineSpec Spec => MachineSpec.Create("db", "ubuntu:22.04").WithUserData(UserData);

    [Fact]
    public async Task Cloud_init_text_reaches_orbctl_in_an_owner_only_temp_file_that_is_deleted_afterwards()
    {
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.EnsureAsync(Spec));

        var (path, content, mode) = Assert.Single(_bed.OrbCtl.UserDataSeen);
        Assert.Equal(UserData, content);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Secrets_never_appear_in_histories_progress_ledger_or_report()
    {
        var report = Path.Combine(_bed.StateDirectory, "report.json");
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Transient, "[-32098] create 'of-t3st-db': setup: machine didn't start in 30s (missing IP address)"));
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Hang);
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { ReportPath = report });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(Spec));
        await provisioner.DisposeAsync();

        Assert.Equal(2, _bed.OrbCtl.UserDataSeen.Count);
        Assert.All(_bed.OrbCtl.UserDataSeen, seen => Assert.False(File.Exists(seen.Path)));
        string[] everywhere =
        [
            machine.History.Render(), machine.History.ToJson(), machine.ToString(), machine.Spec.ToString(),
            string.Join('\n', _bed.Progress), File.ReadAllText(report),
            .. Directory.GetFiles(_bed.StateDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllText),
        ];
        Assert.All(everywhere, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        Assert.Contains("cloud-init", machine.Spec.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_provisioning_keeps_secrets_out_of_the_exception_and_deletes_the_temp_file()
    {
        _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.ImageNotFound,
            "[-32098] create 'of-t3st-db': make rootfs: image not found: {ubuntu jammy arm64 cloud}"));
        await using var provisioner = _bed.NewProvisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(Spec)));

        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.History.ToJson(), StringComparison.Ordinal);
        Assert.False(File.Exists(Assert.Single(_bed.OrbCtl.UserDataSeen).Path));
    }

    [Fact]
    public async Task A_user_given_cloud_init_file_is_passed_as_is_and_not_deleted()
    {
        var file = Path.Combine(_bed.StateDirectory, "user-data.yaml");
        Directory.CreateDirectory(_bed.StateDirectory);
        await File.WriteAllTextAsync(file, UserData);
        await using var provisioner = _bed.NewProvisioner();

        await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithUserDataFile(file)));

        Assert.Equal(file, Assert.Single(_bed.OrbCtl.UserDataSeen).Path);
        Assert.True(File.Exists(file));
    }
}
