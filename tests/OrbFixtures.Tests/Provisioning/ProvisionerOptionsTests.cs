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
        { s_valid with { TemplateMaxAge = TimeSpan.FromDays(-1) }, "OrbFixturesOptions.TemplateMaxAge", "-1.00:00:00", OptionRanges.TemplateMaxAge.ToString() },
        { s_valid with { WaitTimeout = TimeSpan.FromMilliseconds(5) }, "OrbFixturesOptions.WaitTimeout", "00:00:00.0050000", OptionRanges.AttemptTimeout.ToString() },
        { s_valid with { WaitPollInterval = TimeSpan.Zero }, "OrbFixturesOptions.WaitPollInterval", "00:00:00", OptionRanges.PollInterval.ToString() },
        { s_valid with { Templates = (TemplateMode)7 }, "OrbFixturesOptions.Templates", "7", nameof(TemplateMode.Rebuild) },
        { s_valid with { Timeouts = null! }, "OrbFixturesOptions.Timeouts", "null", nameof(OperationTimeouts.Default) },
        { s_valid with { TimeProvider = null! }, "OrbFixturesOptions.TimeProvider", "null", nameof(TimeProvider.System) },
        { s_valid with { OrbctlPath = " " }, "OrbFixturesOptions.OrbctlPath", " ", "null" },
        { s_valid with { Retry = null! }, "OrbFixturesOptions.Retry", "null", nameof(OrbCtlRetryOptions) },
        { s_valid with { Retry = new OrbCtlRetryOptions { BaseDelay = TimeSpan.FromSeconds(-1) } }, "OrbFixturesOptions.Retry.BaseDelay", "-00:00:01", OptionRanges.RetryDelay.ToString() },
        { s_valid with { Retry = new OrbCtlRetryOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) } }, "OrbFixturesOptions.Retry.MaxDelay", "00:00:01", "OrbFixturesOptions.Retry.BaseDelay (00:00:02)" },
        { s_valid with { OrbctlEnvironment = null! }, "OrbFixturesOptions.OrbctlEnvironment", "null", "" },
        { s_valid with { OrbctlEnvironment = new Dictionary<string, string> { ["A=B"] = "x" } }, "OrbFixturesOptions.OrbctlEnvironment", "A=B", "=" },
        { s_valid with { OrbctlEnvironment = new Dictionary<string, string> { [""] = "x" } }, "OrbFixturesOptions.OrbctlEnvironment", "", "" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_rejected_naming_the_setting_value_and_rule(OrbFixturesOptions options, string key, string value, string rule)
    {
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => new MachineProvisioner(options));

        Assert.Equal((key, value), (e.Key, e.Value));
        Assert.Contains(rule, e.Expected, StringComparison.Ordinal);
        Assert.NotEmpty(e.Expected);
    }

    [Fact]
    public void No_options_at_all_is_an_argument_error() =>
        Assert.Throws<ArgumentNullException>(() => OrbFixtures.Configuration.OrbFixturesOptionsValidation.Validate(null!));

    [Fact]
    public async Task Options_at_the_edges_of_their_rules_are_valid()
    {
        var edges = s_valid with
        {
            Retry = new OrbCtlRetryOptions { BaseDelay = TimeSpan.FromSeconds(3), MaxDelay = TimeSpan.FromSeconds(3) },
            WaitTimeout = OptionRanges.AttemptTimeout.Min,
            WaitPollInterval = OptionRanges.PollInterval.Max,
            OrbctlPath = null,
            OrbctlEnvironment = new Dictionary<string, string> { ["ORBSTACK_HOME"] = "" },
        };

        await using var provisioner = new MachineProvisioner(edges);

        Assert.Same(edges, provisioner.Options);
    }

    [Fact]
    public async Task Valid_options_make_a_provisioner_without_running_anything()
    {
        await using var provisioner = new MachineProvisioner(s_valid);

        Assert.Same(s_valid, provisioner.Options);
        Assert.Empty(provisioner.Logs);
    }
}
