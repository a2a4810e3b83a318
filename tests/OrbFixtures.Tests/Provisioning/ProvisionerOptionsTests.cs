using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class ProvisionerOptionsTests
{
    private static readonly OrbFixturesOptions s_valid = new() { StateDirectory = Path.GetTempPath(), OrbctlPath = "/nonexistent/orbctl" };

    public static TheoryData<OrbFixturesOptions, string> Invalid => new()
    {
        { s_valid with { PollInterval = TimeSpan.Zero }, "OrbFixturesOptions.PollInterval='00:00:00'. Expected a duration from 10 ms to 1 h" },
        { s_valid with { PollInterval = TimeSpan.FromSeconds(5000000) }, "OrbFixturesOptions.PollInterval='57.20:53:20'. Expected a duration from 10 ms to 1 h" },
        { s_valid with { MaxParallelCreates = 0 }, "OrbFixturesOptions.MaxParallelCreates='0'. Expected a whole number from 1 to 64" },
        { s_valid with { MaxParallelCreates = 65 }, "OrbFixturesOptions.MaxParallelCreates='65'. Expected a whole number from 1 to 64" },
        { s_valid with { CommandHistorySize = -1 }, "OrbFixturesOptions.CommandHistorySize='-1'. Expected a whole number from 0 to 1000" },
        { s_valid with { StateDirectory = " " }, "OrbFixturesOptions.StateDirectory=' '. Expected a directory path" },
        { s_valid with { Retry = new OrbCtlRetryOptions { MaxAttempts = 500 } }, "OrbFixturesOptions.Retry.MaxAttempts='500'. Expected a whole number from 1 to 100" },
        { s_valid with { Retry = new OrbCtlRetryOptions { MaxDelay = TimeSpan.FromDays(2) } }, "OrbFixturesOptions.Retry.MaxDelay='2.00:00:00'. Expected a duration from 0 to 24 h" },
        { s_valid with { NamePrefix = "of_x" }, "OrbFixturesOptions.NamePrefix='of_x'. Expected 1 to 20 letters, digits, '-' or '.'" },
        { s_valid with { MaxOutputBytes = 512 }, "OrbFixturesOptions.MaxOutputBytes='512'. Expected a whole number from 1024 to 1073741824" },
        { s_valid with { ReuseRetention = TimeSpan.FromDays(-1) }, "OrbFixturesOptions.ReuseRetention='-1.00:00:00'. Expected a duration from 0 to 87600 h" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_rejected_naming_the_setting_value_and_rule(OrbFixturesOptions options, string expected)
    {
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => new MachineProvisioner(options));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_options_make_a_provisioner_without_running_anything()
    {
        await using var provisioner = new MachineProvisioner(s_valid);

        Assert.Same(s_valid, provisioner.Options);
        Assert.Empty(provisioner.Logs);
    }
}
