using OrbFixtures.Xunit;
using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// What each machine of the shared fixture is, and how command results come back. The plain <c>[Fact]</c> needs no
/// machine: it runs (first, see AssemblyInfo.cs) with or without OrbStack.
/// </summary>
[Collection(TwoDistrosCollection.Name)]
public sealed class DistroTests(TwoDistros machines, ITestOutputHelper output) : MachineTest<TwoDistros>(machines, output)
{
    [Fact]
    public void Os_release_values_are_read_without_their_quotes()
    {
        var osRelease = OsRelease.Parse("# comment\nID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");

        Assert.Equal("debian", osRelease["ID"]);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", osRelease["PRETTY_NAME"]);
        Assert.Equal(2, osRelease.Count);
    }

    [MachineTheory]
    [InlineData(TwoDistros.Ubuntu, "ubuntu", "jammy")]
    [InlineData(TwoDistros.Debian, "debian", "bookworm")]
    public async Task Each_machine_runs_the_distro_it_was_created_from(string machine, string id, string codename)
    {
        var result = await this[machine].RunAsync(["cat", "/etc/os-release"], options: null, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        var osRelease = OsRelease.Parse(result.StandardOutput);
        Assert.Equal(id, osRelease["ID"]);
        Assert.Equal(codename, osRelease["VERSION_CODENAME"]);
    }

    [MachineFact]
    public async Task Ubuntu_reports_the_requested_version()
    {
        var result = await this[TwoDistros.Ubuntu].RunAsync(["cat", "/etc/os-release"], options: null, TestContext.Current.CancellationToken);

        Assert.Equal("22.04", OsRelease.Parse(result.StandardOutput)["VERSION_ID"]);
    }

    [MachineFact]
    public async Task A_failing_command_is_a_result_with_its_exit_code_not_an_exception()
    {
        var result = await this[TwoDistros.Debian].RunShellAsync("exit 3", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.IsSuccess);
    }

    [MachineFact]
    public async Task A_failing_command_throws_when_asked_to()
    {
        var error = await Assert.ThrowsAsync<MachineCommandException>(() => this[TwoDistros.Debian].RunAsync(
            ["ls", "/no/such/directory"], new RunOptions { ThrowOnNonZeroExit = true }, TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Result.ExitCode);
        Assert.Contains("No such file or directory", error.Result.StandardError, StringComparison.Ordinal);
    }
}
