using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class MachineHandleTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private async Task<(MachineProvisioner, Machine)> ProvisionAsync(int commandHistory = 20)
    {
        var provisioner = _bed.NewProvisioner(options: _bed.Options with { CommandHistorySize = commandHistory });
        return (provisioner, await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu"))));
    }

    [Fact]
    public async Task I_can_run_a_command_and_it_is_recorded_and_raised()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        var raised = new List<MachineEvent>();
        machine.Log.Appended += (_, e) => raised.Add(e);

        var result = await machine.RunAsync("echo", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello\n", result.StandardOutput);
        var record = Assert.Single(machine.Log.OfType<CommandRan>());
        Assert.Equal(["echo", "hello"], record.Command);
        Assert.Equal("db", record.Machine);
        Assert.Equal(0, record.ExitCode);
        Assert.Equal("hello\n", record.StandardOutputTail);
        Assert.Equal([record], raised.OfType<CommandRan>()); // subscribers see it as it is appended
        Assert.Equal("run of-t3st-db echo hello", _bed.OrbCtl.Calls[^1]);
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_result_unless_I_ask_for_an_exception()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        _bed.OrbCtl.OnRun = r => r.Command[0] == "false" ? new CommandResult(1, "", "boom\n", TimeSpan.Zero) : null;

        var result = await machine.RunAsync("false");
        var e = await Assert.ThrowsAsync<MachineCommandException>(() =>
            machine.RunAsync(["false"], new RunOptions { ThrowOnNonZeroExit = true }));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(1, e.Result.ExitCode);
        Assert.Equal(("db", "boom\n"), (e.Machine, e.Result.StandardError));
        Assert.Equal(["false"], e.Command);
        Assert.Equal(2, machine.Log.OfType<CommandRan>().Count);
    }

    [Fact]
    public async Task Every_command_is_in_the_log_and_the_block_shows_the_last_CommandHistorySize_of_them()
    {
        var (provisioner, machine) = await ProvisionAsync(commandHistory: 3);
        await using var _ = provisioner;

        for (var i = 0; i < 5; i++) await machine.RunAsync("echo", $"{i}");

        Assert.Equal(["0", "1", "2", "3", "4"], machine.Log.OfType<CommandRan>().Select(c => c.Command[1]));
        // What the failure block shows (the sentences and the marker are EventTextTests'): the last three, nothing older.
        var block = EventText.Render(machine.Log, 3);
        Assert.Equal(["2", "3", "4"], machine.Log.OfType<CommandRan>().Select(c => c.Command[1])
            .Where(arg => block.Contains(EventText.Describe(machine.Log.OfType<CommandRan>().Single(c => c.Command[1] == arg)).Split('\n')[0], StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_shell_script_runs_through_sh_c_inside_the_guest_as_the_given_user()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        RunCommandRequest? seen = null;
        _bed.OrbCtl.OnRun = r => { seen = r; return new CommandResult(0, "", "", TimeSpan.Zero); };

        await machine.RunShellAsync("echo a && echo b", new RunOptions { User = "root", WorkingDirectory = "/tmp", StandardInput = "in" });

        Assert.NotNull(seen);
        Assert.Equal(["sh", "-c", "echo a && echo b"], seen.Command);
        Assert.Equal(("root", "/tmp", "in"), (seen.User, seen.WorkingDirectory, seen.StandardInput));
        Assert.Equal("root", machine.Log.OfType<CommandRan>().Single().User);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-v")]
    [InlineData(" ")]
    public async Task A_command_without_a_program_first_is_rejected_before_running(string program)
    {
        string[] command = program.Length == 0 ? [] : [program, "x"];
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        var calls = _bed.OrbCtl.Calls.Count;

        await Assert.ThrowsAsync<ArgumentException>(() => machine.RunAsync(command, null));

        Assert.Equal(calls, _bed.OrbCtl.Calls.Count);
    }

    [Fact]
    public async Task A_command_with_a_null_argument_is_rejected_before_running_naming_the_rule()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        var calls = _bed.OrbCtl.Calls.Count;

        string?[] command = ["echo", null];

        var e = await Assert.ThrowsAsync<ArgumentException>(() => machine.RunAsync(command!, null));

        Assert.Equal("command", e.ParamName);
        Assert.Contains(ArgvRules.CommandProblem(command)!, e.Message, StringComparison.Ordinal);
        Assert.Equal(calls, _bed.OrbCtl.Calls.Count);
        Assert.Empty(machine.Log.OfType<CommandRan>());
    }

    [Fact]
    public async Task A_command_orbctl_could_not_run_is_recorded_without_an_exit_code()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        _bed.OrbCtl.OnRun = _ => throw new OrbCtlException("orbctl run timed out", Operation.Run, OrbCtlErrorKind.TimedOut, ["orbctl"],
            null, "", "", TimeSpan.FromSeconds(1), 1);

        await Assert.ThrowsAsync<OrbCtlException>(() => machine.RunAsync("sleep", "100"));

        var record = Assert.Single(machine.Log.OfType<CommandRan>());
        Assert.Null(record.ExitCode);
        Assert.Equal("orbctl run timed out", record.StandardErrorTail);
    }

    [Fact]
    public async Task Lifecycle_operations_go_to_orbctl_and_restart_waits_until_ready_again()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        var before = _bed.OrbCtl.Calls.Count;

        await machine.StopAsync();
        await machine.StartAsync();
        await _bed.Drive(async () => { await machine.RestartAsync(); return 0; });
        var info = await machine.GetInfoAsync();
        await machine.PushAsync("/host/file", "guest/file");
        await machine.PullAsync("guest/file", "/host/copy");

        Assert.Equal(
            ["stop of-t3st-db", "start of-t3st-db", "restart of-t3st-db", "info of-t3st-db", "info of-t3st-db", "run of-t3st-db true",
             "info of-t3st-db", "push of-t3st-db /host/file guest/file", "pull of-t3st-db guest/file /host/copy"],
            _bed.OrbCtl.Calls.Skip(before));
        Assert.Equal(MachineState.Running, info.State);
        Assert.Equal([Operation.Stop, Operation.Start, Operation.Restart], machine.Log.OfType<TestRequested>().Select(t => t.Operation));
    }

    [Fact]
    public async Task Asking_for_the_info_of_a_deleted_machine_says_it_is_gone()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;
        _bed.OrbCtl.Machines.Remove(machine.Name);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => machine.GetInfoAsync());

        Assert.Contains(machine.Name, e.Message, StringComparison.Ordinal); // which machine is gone
    }

    [Fact]
    public async Task A_failed_test_is_recorded_in_the_log_of_the_machine_it_used()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;

        machine.RecordTestFailure("T.A");
        machine.RecordTestFailure("T.A");
        machine.RecordTestFailure("T.B");

        Assert.Equal(["T.A", "T.A", "T.B"], machine.Log.OfType<TestFailed>().Select(t => t.Test));
        Assert.Throws<ArgumentException>(() => machine.RecordTestFailure(" "));
    }

    [Fact]
    public async Task The_health_check_passes_while_the_machine_runs_and_fails_with_its_history_once_it_is_gone_replaced_or_stopped()
    {
        var (provisioner, machine) = await ProvisionAsync();
        await using var _ = provisioner;

        await machine.VerifyRunningAsync();
        _bed.OrbCtl.Machines.Remove(machine.Name);
        var gone = await Assert.ThrowsAsync<MachineProvisioningException>(() => machine.VerifyRunningAsync());
        _bed.OrbCtl.AddMachine(machine.Name);
        var replaced = await Assert.ThrowsAsync<MachineProvisioningException>(() => machine.VerifyRunningAsync());
        _bed.OrbCtl.Machines.Remove(machine.Name);
        _bed.OrbCtl.AddMachine(machine.Name, MachineState.Stopped, id: machine.Id);
        var stopped = await Assert.ThrowsAsync<MachineProvisioningException>(() => machine.VerifyRunningAsync());

        Assert.Equal([HealthVerdict.Running, HealthVerdict.Gone, HealthVerdict.Replaced, HealthVerdict.NotRunning],
            machine.Log.OfType<HealthChecked>().Select(h => h.Verdict));
        Assert.All([gone, replaced, stopped], e => Assert.Same(machine.Log, e.Log)); // the exception carries the machine's history
        Assert.Equal((OrbCtlErrorKind?)OrbCtlErrorKind.NotFound, gone.Kind);
        Assert.NotEqual(machine.Id, machine.Log.OfType<HealthChecked>().ElementAt(2).Id);
        Assert.Equal(machine.Id, machine.Log.OfType<HealthChecked>().Last().Id);
    }
}
