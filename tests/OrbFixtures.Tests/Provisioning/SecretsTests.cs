using OrbFixtures.Diagnostics;
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
            EventText.Render(machine.Log), EventJson.ToJson(machine.Log).ToJsonString(), machine.ToString(), machine.Spec.ToString(),
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
        Assert.DoesNotContain(Secret, EventJson.ToJson(e.Log).ToJsonString(), StringComparison.Ordinal);
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

    [Fact]
    public async Task A_run_secret_is_redacted_in_recent_commands_the_echo_and_the_exception_but_reaches_the_guest()
    {
        const string token = "tok-9f8e7d6c";
        await using var provisioner = _bed.NewProvisioner();
        var machine = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));
        var raised = new List<MachineEvent>();
        machine.Log.Appended += (_, e) => raised.Add(e);
        RunCommandRequest? seen = null;
        _bed.OrbCtl.OnRun = r =>
        {
            seen = r;
            return new CommandResult(22, $"sent {token}\n", $"401 for token {token}\n", TimeSpan.Zero);
        };

        var e = await Assert.ThrowsAsync<MachineCommandException>(() => machine.RunAsync(
            ["curl", "-H", $"Authorization: Bearer {token}", "--password", token, "https://db"],
            new RunOptions { ThrowOnNonZeroExit = true, Secrets = [token] }));

        Assert.Equal(["curl", "-H", $"Authorization: Bearer {token}", "--password", token, "https://db"], seen!.Command);
        Assert.Contains(token, seen.Secrets);
        var record = Assert.Single(machine.Log.OfType<CommandRan>());
        Assert.Equal([record], raised.OfType<CommandRan>());
        Assert.Equal(["curl", "-H", "Authorization: Bearer ***", "--password", "***", "https://db"], record.Command);
        Assert.Equal("401 for token ***\n", record.StandardErrorTail);
        Assert.Equal("Command [curl -H Authorization: Bearer *** --password *** https://db] in machine 'db' exited 22. stderr: 401 for token ***",
            e.Message);
        string[] everywhere = [e.Message, string.Join(' ', e.Command), e.Result.StandardOutput, e.Result.StandardError,
            record.StandardOutputTail, record.StandardErrorTail, string.Join(' ', record.Command), e.ToString()];
        Assert.All(everywhere, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shell_script_secret_is_redacted_too()
    {
        const string token = "tok-5a4b3c";
        await using var provisioner = _bed.NewProvisioner();
        var machine = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu")));

        await machine.RunShellAsync($"psql -c 'select 1' --password={token} | grep 1", new RunOptions { Secrets = [token] });

        Assert.Equal(["sh", "-c", "psql -c 'select 1' --password=*** | grep 1"], Assert.Single(machine.Log.OfType<CommandRan>()).Command);
    }

    [Fact]
    public async Task A_spec_secret_in_the_readiness_probe_stays_out_of_history_progress_and_report()
    {
        const string token = "probe-7e6d5c";
        var report = Path.Combine(_bed.StateDirectory, "report.json");
        var spec = MachineSpec.Create("db", "ubuntu").WithReadinessProbe("pg_isready", "--password", token).WithSecrets(token);
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { ReportPath = report });
        RunCommandRequest? probe = null;
        var runs = 0;
        // The first probe fails with the secret in its stderr (which the history quotes), later ones pass.
        _bed.OrbCtl.OnRun = r =>
        {
            probe ??= r;
            return new CommandResult(++runs == 1 ? 2 : 0, "", $"bad password {token}", TimeSpan.Zero);
        };

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(spec));
        await machine.RunAsync("echo", token);
        await provisioner.DisposeAsync();

        Assert.Contains(token, probe!.Secrets);
        var failedProbe = machine.Log.OfType<WaitPolled>()[0];
        Assert.Equal("pg_isready --password ***", failedProbe.Target);
        Assert.Equal(2, failedProbe.ExitCode);
        Assert.NotEmpty(failedProbe.Output);
        Assert.DoesNotContain(token, failedProbe.Output, StringComparison.Ordinal);
        Assert.Equal(["echo", "***"], Assert.Single(machine.Log.OfType<CommandRan>()).Command);
        string[] everywhere = [EventText.Render(machine.Log), EventJson.ToJson(machine.Log).ToJsonString(), string.Join('\n', _bed.Progress), File.ReadAllText(report),
            machine.Spec.ToString()];
        Assert.All(everywhere, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_and_pull_pass_the_spec_and_call_secrets_to_the_client()
    {
        await using var provisioner = _bed.NewProvisioner();
        var machine = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu").WithSecrets("spec-tok")));

        await machine.PushAsync("/host/call-tok/key", "key", ["call-tok"]);
        await machine.PullAsync("spec-tok.log", "/host/out.log");

        var copies = machine.Log.OfType<AttemptFinished>().Where(a => a.Operation is Operation.Push or Operation.Pull).Select(a => string.Join(" ", a.Argv)).ToList();
        Assert.Equal(["orbctl push -m of-t3st-db /host/***/key", "orbctl pull -m of-t3st-db ***.log"], copies);
    }
}
