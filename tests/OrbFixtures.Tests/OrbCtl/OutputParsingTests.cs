using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Every output shape orbctl prints (the success output of each command and both <c>info -f json</c> shapes) parses, and anything else is a
/// MalformedOutput error that names the command and quotes the output.</summary>
public sealed class OutputParsingTests
{
    private const string BareRecord = """
        {
          "id": "01J6BWXMDPEP62ANJWCXN6375F",
          "name": "of-old",
          "image": { "distro": "archlinux", "version": "current", "arch": "amd64", "variant": "default" },
          "config": { "isolated": false, "default_username": "bob" },
          "builtin": false,
          "state": "stopped"
        }
        """;

    private readonly ObservedClock _clock = new();

    private OrbCtlClient ClientPrinting(string stdout, int exitCode = 0, string stderr = "") =>
        TestClients.Create(new FakeOrbCtlProcessRunner(_clock).Then(exitCode, stdout, stderr), _clock,
            new OrbCtlClientOptions { Retry = new OrbCtlRetryOptions { MaxAttempts = 1 } });

    [Fact]
    public async Task Info_reads_the_wrapped_shape_of_1_10_and_later()
    {
        var info = await ClientPrinting(OperationCalls.InfoJson).GetInfoAsync("of-test-db");
        Assert.Equal(new MachineInfo("01KHVDCW7HTAGRPMB823KADP9B", "of-test-db", MachineState.Running, "running",
            new MachineImage("ubuntu", "noble", "arm64", "default"), "alice", false, 847974400,
            "192.168.139.170", "fd07:b51a:cc66:0:e0c6:7eff:fe8a:eaa4"), info);
    }

    [Fact]
    public async Task Info_reads_the_bare_record_printed_before_1_10()
    {
        var info = await ClientPrinting(BareRecord).GetInfoAsync("of-old");
        Assert.Equal(new MachineInfo("01J6BWXMDPEP62ANJWCXN6375F", "of-old", MachineState.Stopped, "stopped",
            new MachineImage("archlinux", "current", "amd64", "default"), "bob", false, null, null, null), info);
    }

    [Fact]
    public async Task Info_accepts_a_null_disk_size_and_absent_addresses_of_a_stopped_machine()
    {
        var info = await ClientPrinting("""{"record":{"id":"01A","name":"of-a","state":"stopped"},"disk_size":null}""").GetInfoAsync("of-a");
        Assert.NotNull(info);
        Assert.Null(info.DiskSize);
        Assert.Null(info.IPv4);
        Assert.Null(info.IPv6);
        Assert.Equal(new MachineImage("", "", "", ""), info.Image);
        Assert.Null(info.DefaultUsername);
    }

    [Fact]
    public async Task Info_ignores_fields_it_does_not_know_and_keeps_an_unknown_state_raw()
    {
        const string json = """
            {"record":{"id":"01A","name":"of-a","state":"hibernating","image":{"distro":"ubuntu","version":"noble","arch":"arm64","variant":"default","sha":"x"},
             "config":{"isolated":true,"isolate_network":false,"default_username":"alice","cpu_limit":2,"mounts":[{"src":"/a"}]},"builtin":false,"labels":{"a":1}},
             "disk_size":1,"ip4":"192.168.138.2","future":[1,2,3]}
            """;
        var info = await ClientPrinting(json).GetInfoAsync("of-a");
        Assert.Equal((MachineState.Unknown, "hibernating"), (info!.State, info.RawState));
        Assert.Equal("192.168.138.2", info.IPv4);
    }

    [Theory]
    [InlineData("creating", MachineState.Creating)]
    [InlineData("provisioning", MachineState.Provisioning)]
    [InlineData("starting", MachineState.Starting)]
    [InlineData("running", MachineState.Running)]
    [InlineData("stopping", MachineState.Stopping)]
    [InlineData("stopped", MachineState.Stopped)]
    [InlineData("deleting", MachineState.Deleting)]
    public async Task Every_documented_state_is_known(string raw, MachineState expected)
    {
        var info = await ClientPrinting($$"""{"id":"01A","name":"of-a","state":"{{raw}}"}""").GetInfoAsync("of-a");
        Assert.Equal(expected, info!.State);
    }

    [Fact]
    public async Task Info_of_a_missing_machine_is_null_not_an_error()
    {
        Assert.Null(await ClientPrinting("", 1, "[-32098] machine not found: 'of-a'\n").GetInfoAsync("of-a"));
    }

    [Fact]
    public async Task List_reads_records_and_an_empty_list()
    {
        Assert.Empty(await ClientPrinting("[]\n").ListAsync());
        Assert.Empty(await ClientPrinting("null\n").ListAsync()); // before mid-2023
        var machines = await ClientPrinting($"[{BareRecord}, {{\"id\":\"01B\",\"name\":\"of-b\",\"state\":\"provisioning\",\"extra\":true}}]").ListAsync();
        Assert.Equal(["of-old", "of-b"], machines.Select(m => m.Name));
        Assert.Equal([MachineState.Stopped, MachineState.Provisioning], machines.Select(m => m.State));
    }

    [Theory]
    [InlineData("{\"record\": [oops")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("[{\"id\":\"01A\",\"state\":\"running\"}]")]
    [InlineData("{\"machines\": []}")]
    public async Task A_list_that_does_not_parse_is_malformed_output_quoting_it(string stdout)
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting(stdout).ListAsync());
        Assert.Equal(OrbCtlErrorKind.MalformedOutput, error.Kind);
        Assert.Equal(["orbctl", "list", "-f", "json"], error.Arguments);
        Assert.Equal(stdout, error.StandardOutput);
    }

    [Fact]
    public async Task A_malformed_output_message_reads_with_the_command_the_problem_and_the_output()
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting("[1, 2]").ListAsync());

        // The one test of how this message reads as a whole; the others assert Kind, Arguments and StandardOutput.
        Assert.Equal("'orbctl list -f json' printed output that OrbFixtures cannot read: expected machine #1 to be a JSON object, got a JSON number " +
            "(1 attempt). Output: '[1, 2]'", error.Message);
    }

    [Theory]
    [InlineData("{\"record\": [oops")]
    [InlineData("[]")]
    [InlineData("{\"record\": 3}")]
    [InlineData("{\"record\":{\"id\":\"01A\",\"name\":\"of-a\",\"state\":\"running\"},\"disk_size\":\"big\"}")]
    [InlineData("{\"id\":\"01A\",\"name\":\"of-a\",\"state\":7}")]
    [InlineData("ID: 01KHVDCW7HTAGRPMB823KADP9B\nName: of-a\nState: running\n")]
    public async Task Info_that_does_not_parse_is_malformed_output(string stdout)
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting(stdout).GetInfoAsync("of-a"));
        Assert.Equal(OrbCtlErrorKind.MalformedOutput, error.Kind);
        Assert.Equal(["orbctl", "info", "of-a", "-f", "json"], error.Arguments);
    }

    [Theory]
    // The status enum is internal (transport), and a public test method cannot take it: the data names it.
    [InlineData(0, "Running\n", nameof(OrbStackStatus.Running))]
    [InlineData(2, "Starting\n", nameof(OrbStackStatus.Starting))]
    [InlineData(1, "Stopped\n", nameof(OrbStackStatus.Stopped))]
    public async Task Status_comes_from_the_exit_code_and_its_word(int exitCode, string stdout, string expected) =>
        Assert.Equal(Enum.Parse<OrbStackStatus>(expected), await ClientPrinting(stdout, exitCode).GetStatusAsync());

    [Theory]
    [InlineData(0, "Stopped\n")]
    [InlineData(0, "")]
    [InlineData(3, "Running\n")]
    public async Task A_status_whose_word_and_exit_code_disagree_is_malformed(int exitCode, string stdout)
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting(stdout, exitCode).GetStatusAsync());
        Assert.Equal(OrbCtlErrorKind.MalformedOutput, error.Kind);
    }

    [Theory]
    [InlineData("Version: 2.2.3 (2020300)\nCommit: 3f2a1bc (v2.2.3)\n", "2.2.3", 2020300)]
    [InlineData("Version: 0.17.0 (170000)\n", "0.17.0", 170000)]
    [InlineData("Version: 2.3.0-beta.1 (2030001)\nCommit: x (y)\n", "2.3.0-beta.1", 2030001)]
    public async Task Version_is_read_from_its_first_line(string stdout, string version, long code) =>
        Assert.Equal(new OrbCtlVersion(version, code), await ClientPrinting(stdout).GetVersionAsync());

    [Theory]
    [InlineData("OrbStack 2.2.3\n")]
    [InlineData("Version: 2.2.3\n")]
    [InlineData("")]
    public async Task A_version_line_that_does_not_match_is_malformed(string stdout)
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting(stdout).GetVersionAsync());
        Assert.Equal((OrbCtlErrorKind.MalformedOutput, Operation.Version), (error.Kind, error.Operation));
    }

    [Fact]
    public async Task A_command_that_prints_nothing_on_success_but_prints_something_is_malformed()
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting("Created machine of-a\n").CreateAsync(new CreateMachineRequest("of-a", "ubuntu")));
        Assert.Equal(OrbCtlErrorKind.MalformedOutput, error.Kind);
        Assert.Equal(["orbctl", "create", "ubuntu", "of-a"], error.Arguments);
        Assert.Equal("Created machine of-a", error.StandardOutput);
    }

    [Fact]
    public async Task Stop_and_start_accept_orbctl_notices_on_stderr()
    {
        await ClientPrinting("", 0, "OrbStack is not running\n").StopAsync("of-a");
        await ClientPrinting("", 0, "OrbStack is already running. Docker engine is ready to use.\nUse --all to start all machines.\n").StartOrbStackAsync();
    }

    [Fact]
    public async Task A_restart_while_orbstack_is_down_is_an_error_not_a_silent_success()
    {
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting("", 0, "OrbStack is not running\n").RestartAsync("of-a"));
        Assert.Equal(OrbCtlErrorKind.DaemonNotRunning, error.Kind);
    }

    [Fact]
    public async Task Delete_reports_whether_the_machine_was_there()
    {
        Assert.True(await ClientPrinting("").DeleteAsync("of-a"));
        Assert.False(await ClientPrinting("", 1, "[-32098] machine not found: 'of-a'\n").DeleteAsync("of-a"));
    }

    [Fact]
    public async Task Logs_errors_printed_on_stdout_with_exit_0_are_still_errors()
    {
        Assert.Equal("boot ok\n", await ClientPrinting("boot ok\n").GetLogsAsync("of-a"));
        var error = await Assert.ThrowsAsync<OrbCtlException>(() => ClientPrinting("[-32098] machine not found: 'of-a'\n").GetLogsAsync("of-a"));
        Assert.Equal(OrbCtlErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_run_returns_the_guest_exit_code_and_output_as_a_result()
    {
        var result = await ClientPrinting("partial\n", 3, "Error: could not connect to database\n").RunAsync(new RunCommandRequest("of-a", ["app", "migrate"]));
        Assert.Equal(new CommandResult(3, "partial\n", "Error: could not connect to database\n", TimeSpan.Zero), result);
        Assert.False(result.IsSuccess);
    }
}
