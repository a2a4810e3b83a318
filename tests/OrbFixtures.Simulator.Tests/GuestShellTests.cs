using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class GuestShellTests(BoxFixture box) : IClassFixture<BoxFixture>
{
    [Theory]
    [InlineData("echo one; echo two", "one\ntwo\n", 0)]
    [InlineData("false && echo skipped || echo fallback", "fallback\n", 0)]
    [InlineData("true || echo skipped; echo ran", "ran\n", 0)]
    [InlineData("echo 'single  quoted' \"double \\\"quoted\\\"\"", "single  quoted double \"quoted\"\n", 0)]
    [InlineData("echo a\\ b # a comment", "a b\n", 0)]
    [InlineData("cd /tmp && pwd", "/tmp\n", 0)]
    [InlineData("echo ~ ~/x", "/home/alice /home/alice/x\n", 0)]
    [InlineData("test -f /etc/os-release && exit 7", "", 7)]
    [InlineData("false", "", 1)]
    [InlineData("exit", "", 0)]
    [InlineData("mkdir -p /srv/app && cd /srv/app && pwd", "/srv/app\n", 0)]
    public async Task Sh_runs_simple_command_lists(string script, string stdout, int exitCode)
    {
        var orb = box.Orb;

        (await orb.RunAsync("run", "-m", "box", "sh", "-c", script)).ShouldBe(exitCode, stdout);
    }

    [Theory]
    [InlineData("echo a | cat", '|')]
    [InlineData("echo a > /tmp/x", '>')]
    [InlineData("echo $HOME", '$')]
    [InlineData("ls *", '*')]
    public async Task Unsupported_shell_syntax_is_refused_clearly(string script, char syntax)
    {
        var orb = box.Orb;

        var outcome = await orb.RunAsync("run", "-m", "box", "sh", "-c", script);

        Assert.StartsWith($"sh: 1: orbsim: unsupported shell syntax '{syntax}'", outcome.StandardError);
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public async Task An_unknown_program_inside_a_script_is_not_found()
    {
        var orb = box.Orb;

        (await orb.RunAsync("run", "-m", "box", "sh", "-c", "nginx -t && echo ok")).ShouldBe(127, stderr: "sh: 1: nginx: not found\n");
    }

    [Fact]
    public async Task The_shell_flag_runs_the_joined_arguments_as_a_script()
    {
        var orb = box.Orb;

        (await orb.RunAsync("run", "-m", "box", "-s", "echo", "a", "&&", "echo", "b")).ShouldBe(0, "a\nb\n");
    }
}
