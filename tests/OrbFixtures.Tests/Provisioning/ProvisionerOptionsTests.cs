using OrbFixtures.OrbCtl;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class ProvisionerOptionsTests
{
    private static readonly OrbFixturesOptions s_valid = new() { StateDirectory = Path.GetTempPath(), OrbctlPath = "/nonexistent/orbctl" };

    // Each row: the options, the setting and value the exception must name (typed: Key, Value), and the rule it must
    // cite, as the validation layer states it (Expected). How the whole message reads is OrbFixturesConfigurationTests'.
    public static TheoryData<OrbFixturesOptions, string, string, string> Invalid => new()
    {
        { s_valid with { PollInterval = TimeSpan.Zero }, "OrbFixturesOptions.PollInterval", "00:00:00", OptionRanges.PollInterval.ToString() },
        { s_valid with { PollInterval = TimeSpan.FromSeconds(5000000) }, "OrbFixturesOptions.PollInterval", "57.20:53:20", OptionRanges.PollInterval.ToString() },
        { s_valid with { MaxParallelCreates = 0 }, "OrbFixturesOptions.MaxParallelCreates", "0", OptionRanges.MaxParallelCreates.ToString() },
        { s_valid with { MaxParallelCreates = 65 }, "OrbFixturesOptions.MaxParallelCreates", "65", OptionRanges.MaxParallelCreates.ToString() },
        { s_valid with { CommandHistorySize = -1 }, "OrbFixturesOptions.CommandHistorySize", "-1", OptionRanges.CommandHistorySize.ToString() },
        { s_valid with { StateDirectory = " " }, "OrbFixturesOptions.StateDirectory", " ", "directory" },
        { s_valid with { Retry = new OrbCtlRetryOptions { MaxAttempts = 500 } }, "OrbFixturesOptions.Retry.MaxAttempts", "500", OptionRanges.MaxAttempts.ToString() },
        { s_valid with { Retry = new OrbCtlRetryOptions { MaxDelay = TimeSpan.FromDays(2) } }, "OrbFixturesOptions.Retry.MaxDelay", "2.00:00:00", OptionRanges.RetryDelay.ToString() },
        { s_valid with { NamePrefix = "of_x" }, "OrbFixturesOptions.NamePrefix", "of_x", MachineNames.PrefixRule },
        { s_valid with { MaxOutputBytes = 512 }, "OrbFixturesOptions.MaxOutputBytes", "512", OptionRanges.MaxOutputBytes.ToString() },
        { s_valid with { ReuseRetention = TimeSpan.FromDays(-1) }, "OrbFixturesOptions.ReuseRetention", "-1.00:00:00", OptionRanges.ReuseRetention.ToString() },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_rejected_naming_the_setting_value_and_rule(OrbFixturesOptions options, string key, string value, string rule)
    {
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => new MachineProvisioner(options));

        Assert.Equal((key, value), (e.Key, e.Value));
        Assert.Contains(rule, e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_options_make_a_provisioner_without_running_anything()
    {
        await using var provisioner = new MachineProvisioner(s_valid);

        Assert.Same(s_valid, provisioner.Options);
        Assert.Empty(provisioner.Logs);
    }
}
