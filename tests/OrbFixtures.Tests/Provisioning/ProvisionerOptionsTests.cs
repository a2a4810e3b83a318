using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class ProvisionerOptionsTests
{
    private static readonly OrbFixturesOptions s_valid = new() { StateDirectory = Path.GetTempPath(), OrbctlPath = "/nonexistent/orbctl" };

    public static TheoryData<OrbFixturesOptions, string> Invalid => new()
    {
        { s_valid with { PollInterval = TimeSpan.Zero }, "PollInterval='00:00:00': expected a positive, finite duration" },
        { s_valid with { MaxParallelCreates = 0 }, "MaxParallelCreates='0': expected at least 1" },
        { s_valid with { MaxOutputBytes = 512 }, "MaxOutputBytes='512': expected 1024 (1 KiB) to 1073741824 (1 GiB) bytes" },
        { s_valid with { CommandHistorySize = -1 }, "CommandHistorySize='-1': expected 0 or more" },
        { s_valid with { StateDirectory = " " }, "StateDirectory=' ': expected a directory path" },
        { s_valid with { Retry = new OrbCtlRetryOptions { MaxAttempts = 0 } }, "Retry.MaxAttempts='0': expected at least 1" },
        { s_valid with { NamePrefix = "of_x" }, "NamePrefix='of_x': the name prefix 'of_x' must start with a letter or digit" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_rejected_naming_the_setting_value_and_rule(OrbFixturesOptions options, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new MachineProvisioner(options));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_options_make_a_provisioner_without_running_anything()
    {
        await using var provisioner = new MachineProvisioner(s_valid);

        Assert.Same(s_valid, provisioner.Options);
        Assert.Empty(provisioner.Histories);
    }
}
