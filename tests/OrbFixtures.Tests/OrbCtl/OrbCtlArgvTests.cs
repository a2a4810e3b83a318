using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>The argv each operation sends: flags before positionals, never "--", stop and delete
/// always by name, JSON where the output is parsed.</summary>
public sealed class OrbCtlArgvTests
{
    private readonly ObservedClock _clock = new();
    private readonly FakeOrbCtlProcessRunner _runner;

    public OrbCtlArgvTests() => _runner = new FakeOrbCtlProcessRunner(_clock);

    private async Task<string[]> ArgvOf(Func<OrbCtlClient, Task> call, string stdout = "")
    {
        var runner = new FakeOrbCtlProcessRunner(_clock).ThenSucceed(stdout);
        await call(TestClients.Create(runner, _clock));
        return [.. Assert.Single(runner.Invocations).Arguments];
    }

    [Fact]
    public async Task Queries_ask_for_json_and_put_the_name_first()
    {
        Assert.Equal(["status"], await ArgvOf(c => c.GetStatusAsync(), "Running\n"));
        Assert.Equal(["version"], await ArgvOf(c => c.GetVersionAsync(), "Version: 2.2.3 (2020300)\n"));
        Assert.Equal(["list", "-f", "json"], await ArgvOf(c => c.ListAsync(), "[]"));
        Assert.Equal(["list", "-f", "json", "-r"], await ArgvOf(c => c.ListAsync(runningOnly: true), "[]"));
        Assert.Equal(["info", "of-a", "-f", "json"], await ArgvOf(c => c.GetInfoAsync("of-a"), OperationCalls.InfoJson));
        Assert.Equal(["logs", "of-a"], await ArgvOf(c => c.GetLogsAsync("of-a"), "log"));
        Assert.Equal(["logs", "-a", "of-a"], await ArgvOf(c => c.GetLogsAsync("of-a", all: true), "log"));
    }

    [Fact]
    public async Task A_create_puts_every_flag_before_the_image_and_the_name()
    {
        var argv = await ArgvOf(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", "22.04", "amd64", "deploy", "/tmp/user-data.yaml")));
        Assert.Equal(["create", "-a", "amd64", "-u", "deploy", "-c", "/tmp/user-data.yaml", "ubuntu:22.04", "of-a"], argv);
    }

    [Fact]
    public async Task A_create_without_options_is_just_distro_and_name()
    {
        Assert.Equal(["create", "alpine", "of-a"], await ArgvOf(c => c.CreateAsync(new CreateMachineRequest("of-a", "alpine"))));
    }

    [Fact]
    public async Task Lifecycle_commands_always_name_the_machine_and_delete_forces()
    {
        Assert.Equal(["start"], await ArgvOf(c => c.StartOrbStackAsync()));
        Assert.Equal(["start", "of-a"], await ArgvOf(c => c.StartAsync("of-a")));
        Assert.Equal(["stop", "of-a"], await ArgvOf(c => c.StopAsync("of-a")));
        Assert.Equal(["restart", "of-a"], await ArgvOf(c => c.RestartAsync("of-a")));
        Assert.Equal(["delete", "-f", "of-a"], await ArgvOf(c => c.DeleteAsync("of-a")));
        Assert.Equal(["clone", "of-a", "of-b"], await ArgvOf(c => c.CloneAsync("of-a", "of-b")));
    }

    [Fact]
    public async Task A_run_puts_its_flags_before_the_program_and_never_sends_a_double_dash()
    {
        var argv = await ArgvOf(c => c.RunAsync(new RunCommandRequest("of-a", ["sh", "-c", "echo 'a b' && exit 3"], "root", "/srv")));
        Assert.Equal(["run", "-m", "of-a", "-u", "root", "-w", "/srv", "sh", "-c", "echo 'a b' && exit 3"], argv);
        Assert.DoesNotContain("--", argv);
    }

    [Fact]
    public async Task Push_and_pull_name_the_machine_with_a_flag()
    {
        Assert.Equal(["push", "-m", "of-a", "/tmp/x.tar"], await ArgvOf(c => c.PushAsync("of-a", "/tmp/x.tar")));
        Assert.Equal(["push", "-m", "of-a", "/tmp/x.tar", "srv/x.tar"], await ArgvOf(c => c.PushAsync("of-a", "/tmp/x.tar", "srv/x.tar")));
        Assert.Equal(["pull", "-m", "of-a", "app.log", "/tmp/app.log"], await ArgvOf(c => c.PullAsync("of-a", "app.log", "/tmp/app.log")));
    }

    [Fact]
    public async Task Every_process_gets_the_configured_executable_environment_and_stdin()
    {
        var options = new OrbCtlClientOptions
        {
            OrbctlPath = "/opt/sim/orbctl",
            EnvironmentVariables = new Dictionary<string, string> { ["ORBSIM_HOME"] = "/tmp/sim-home" },
        };
        _runner.ThenSucceed("secret-echo");
        await TestClients.Create(_runner, _clock, options).RunAsync(new RunCommandRequest("of-a", ["cat"], StandardInput: "hello"));
        var request = Assert.Single(_runner.Invocations).Request;
        Assert.Equal("/opt/sim/orbctl", request.Executable);
        Assert.Equal("/tmp/sim-home", request.EnvironmentVariables["ORBSIM_HOME"]);
        Assert.Equal("hello", request.StandardInput);
    }

    [Fact]
    public async Task Commands_other_than_run_get_an_empty_stdin_so_nothing_ever_prompts()
    {
        _runner.ThenSucceed();
        await TestClients.Create(_runner, _clock).DeleteAsync("of-a");
        Assert.Null(Assert.Single(_runner.Invocations).Request.StandardInput);
    }
}
