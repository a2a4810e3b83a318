using System.Diagnostics;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class RunTests(BoxFixture box) : IClassFixture<BoxFixture>
{
    private const string Release = "6.15.11-orbstack-00539-g9885ebd8e3f4";

    private SimulatedOrbStack Shared => box.Orb;

    private static async Task<SimulatedOrbStack> OwnBoxAsync()
    {
        var orb = new SimulatedOrbStack();
        try
        {
            await orb.CreateAsync("box", "ubuntu", "-u", "alice");
            return orb;
        }
        catch
        {
            orb.Dispose();
            throw;
        }
    }

    public static TheoryData<string[], string, int> BuiltIns => new()
    {
        { ["true"], "", 0 },
        { ["false"], "", 1 },
        { ["echo", "hello", "world"], "hello world\n", 0 },
        { ["echo", "-n", "no newline"], "no newline", 0 },
        { ["/bin/echo", "by path"], "by path\n", 0 },
        { ["hostname"], "box\n", 0 },
        { ["whoami"], "alice\n", 0 },
        { ["id", "-un"], "alice\n", 0 },
        { ["id", "-u"], "501\n", 0 },
        { ["pwd"], "/home/alice\n", 0 },
        { ["uname"], "Linux\n", 0 },
        { ["uname", "-s"], "Linux\n", 0 },
        { ["uname", "-m"], "aarch64\n", 0 },
        { ["uname", "-r"], Release + "\n", 0 },
        { ["uname", "-a"], $"Linux box {Release} #1 SMP Sat Aug 23 09:02:49 UTC 2025 aarch64 GNU/Linux\n", 0 },
        { ["cloud-init", "status", "--wait"], "status: done\n", 0 },
        { ["systemctl", "is-system-running"], "running\n", 0 },
        { ["cat", "/etc/hostname"], "box\n", 0 },
        { ["test", "-f", "/etc/os-release"], "", 0 },
        { ["test", "-f", "/etc/missing"], "", 1 },
        { ["sh", "-c", "exit 3"], "", 3 },
        { ["bash", "-c", "echo hi"], "hi\n", 0 },
        { ["sleep", "0"], "", 0 },
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public async Task Built_in_programs_answer_like_a_linux_guest(string[] command, string stdout, int exitCode)
    {
        var orb = Shared;

        var outcome = await orb.RunAsync(["run", "-m", "box", .. command]);

        outcome.ShouldBe(exitCode, stdout);
    }

    [Theory]
    [InlineData("ubuntu:noble", "PRETTY_NAME=\"Ubuntu 24.04 LTS\"", "VERSION_CODENAME=noble")]
    [InlineData("ubuntu:jammy", "PRETTY_NAME=\"Ubuntu 22.04 LTS\"", "ID=ubuntu")]
    [InlineData("debian", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"", "VERSION_ID=\"12\"")]
    [InlineData("alpine:3.21", "PRETTY_NAME=\"Alpine Linux v3.21\"", "ID=alpine")]
    [InlineData("fedora:41", "NAME=\"Fedora Linux\"", "VERSION_ID=\"41\"")]
    [InlineData("arch", "PRETTY_NAME=\"Arch Linux\"", "ID=arch")]
    [InlineData("rocky:8", "PRETTY_NAME=\"Rocky Linux 8\"", "ID=rocky")]
    [InlineData("opensuse", "NAME=\"openSUSE Leap\"", "ID=opensuse-leap")]
    public async Task Os_release_matches_the_distro_and_version(string image, string line, string otherLine)
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", image);

        var outcome = await orb.RunAsync("run", "-m", "box", "cat", "/etc/os-release");

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.StandardOutput.Split('\n');
        Assert.Contains(line, lines);
        Assert.Contains(otherLine, lines);
    }

    [Theory]
    [InlineData("amd64", "x86_64")]
    [InlineData("arm64", "aarch64")]
    public async Task Uname_reports_the_machine_architecture(string arch, string machine)
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "debian", "-a", arch);

        (await orb.RunAsync("run", "-m", "box", "uname", "-m")).ShouldBe(0, machine + "\n");
    }

    [Fact]
    public async Task An_unknown_program_is_not_found_with_exit_127()
    {
        var orb = Shared;

        var outcome = await orb.RunAsync("run", "-m", "box", "apt-get", "update");

        outcome.ShouldBe(127, stderr: "sh: 1: apt-get: not found\n");
    }

    [Fact]
    public async Task The_guest_exit_code_becomes_orbctls()
    {
        var orb = Shared;

        (await orb.RunAsync("run", "-m", "box", "sh", "-c", "exit 42")).ShouldBe(42);
    }

    [Fact]
    public async Task User_and_workdir_flags_change_who_and_where()
    {
        var orb = Shared;

        (await orb.RunAsync("run", "-m", "box", "-u", "root", "sh", "-c", "whoami; pwd; id -u")).ShouldBe(0, "root\n/root\n0\n");
        (await orb.RunAsync("run", "--machine", "box", "--workdir", "/tmp", "pwd")).ShouldBe(0, "/tmp\n");
        (await orb.RunAsync("run", "--machine=box", "-user=bob", "whoami")).ShouldBe(0, "bob\n");
    }

    [Fact]
    public async Task Stdin_is_forwarded_to_the_guest()
    {
        var orb = Shared;

        var outcome = await orb.RunWithStdinAsync("line one\nline two\n", "run", "-m", "box", "cat");

        outcome.ShouldBe(0, "line one\nline two\n");
    }

    [Fact]
    public async Task Without_a_command_stdin_is_run_as_a_shell_script()
    {
        var orb = Shared;

        var outcome = await orb.RunWithStdinAsync("echo from stdin\nexit 5\n", "run", "-m", "box");

        outcome.ShouldBe(5, "from stdin\n");
    }

    [Fact]
    public async Task Sleep_really_waits()
    {
        var orb = Shared;
        var clock = Stopwatch.StartNew();

        (await orb.RunAsync("run", "-m", "box", "sleep", "0.3")).ShouldBe(0);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"returned after {clock.Elapsed}");
    }

    [Fact]
    public async Task Files_can_be_made_listed_tested_and_removed()
    {
        using var orb = await OwnBoxAsync();

        (await orb.RunAsync("run", "-m", "box", "mkdir", "-p", "a/b")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "box", "ls")).ShouldBe(0, "a\n");
        (await orb.RunAsync("run", "-m", "box", "test", "-d", "/home/alice/a/b")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "box", "mkdir", "a")).ShouldBe(1, stderr: "mkdir: cannot create directory 'a': File exists\n");
        (await orb.RunAsync("run", "-m", "box", "rm", "a")).ShouldBe(1, stderr: "rm: cannot remove 'a': Is a directory\n");
        (await orb.RunAsync("run", "-m", "box", "rm", "-rf", "a")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "box", "ls", "a")).ShouldBe(2, stderr: "ls: cannot access 'a': No such file or directory\n");
        (await orb.RunAsync("run", "-m", "box", "cat", "a")).ShouldBe(1, stderr: "cat: a: No such file or directory\n");
    }
}
