using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Samples;

/// <summary>What each machine of the shared fixture is, and how command results come back.</summary>
[Collection(TwoDistrosCollection.Name)]
public sealed class DistroTests(TwoDistros machines, ITestOutputHelper output) : MachineTest<TwoDistros>(machines, output)
{
    [MachineTheory]
    [InlineData(TwoDistros.Ubuntu, "ubuntu", "jammy")]
    [InlineData(TwoDistros.Debian, "debian", "bookworm")]
    public async Task Each_machine_runs_the_distro_it_was_created_from(string machine, string id, string codename)
    {
        var result = await this[machine].RunAsync("cat", "/etc/os-release");

        Assert.Equal(0, result.ExitCode);
        var osRelease = OsRelease.Parse(result.StandardOutput);
        Assert.Equal(id, osRelease["ID"]);
        Assert.Equal(codename, osRelease["VERSION_CODENAME"]);
    }

    [MachineFact]
    public async Task Ubuntu_reports_the_requested_version()
    {
        var result = await this[TwoDistros.Ubuntu].RunAsync("cat", "/etc/os-release");

        Assert.Equal("22.04", OsRelease.Parse(result.StandardOutput)["VERSION_ID"]);
    }

    [MachineFact]
    public async Task A_failing_command_is_a_result_with_its_exit_code_not_an_exception()
    {
        var result = await this[TwoDistros.Debian].RunAsync("sh", "-c", "exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.IsSuccess);
    }

    [MachineFact]
    public async Task A_failing_command_throws_when_asked_to()
    {
        var error = await Assert.ThrowsAsync<MachineCommandException>(() =>
            this[TwoDistros.Debian].RunAsync(["ls", "/no/such/directory"], new RunOptions { ThrowOnNonZeroExit = true }));

        Assert.Equal(2, error.Result.ExitCode);
        Assert.Contains("No such file or directory", error.Result.StandardError, StringComparison.Ordinal);
    }
}
