using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Configuration;

public sealed class OrbFixturesConfigurationTests
{
    private static OrbFixturesOptions Read(params (string Key, string? Value)[] variables) =>
        OrbFixturesConfiguration.FromEnvironment(null, variables.ToDictionary(v => v.Key, v => v.Value));

    private static OrbFixturesConfigurationException Rejects(string key, string value) =>
        Assert.Throws<OrbFixturesConfigurationException>(() => Read((key, value)));

    [Fact]
    public void Without_variables_I_get_the_defaults()
    {
        var options = Read();

        Assert.Equal(new OrbFixturesOptions().StateDirectory, options.StateDirectory);
        Assert.Null(options.OrbctlPath);
        Assert.False(options.Require);
        Assert.Same(OperationTimeouts.Default, options.Timeouts);
        Assert.Equal(CleanupPolicy.Delete, options.Cleanup);
    }

    [Fact]
    public void Environment_overrides_code_and_code_overrides_defaults()
    {
        var code = new OrbFixturesOptions { NamePrefix = "code", MaxParallelCreates = 5, Cleanup = CleanupPolicy.Stop };

        var options = OrbFixturesConfiguration.FromEnvironment(code,
            new Dictionary<string, string?> { ["ORBFIXTURES_NAME_PREFIX"] = "env" });

        Assert.Equal("env", options.NamePrefix);
        Assert.Equal(5, options.MaxParallelCreates);
        Assert.Equal(CleanupPolicy.Stop, options.Cleanup);
    }

    [Fact]
    public void I_can_set_every_key_from_the_environment()
    {
        var options = Read(
            ("ORBFIXTURES_ORBCTL", "/opt/orb/orbctl"),
            ("ORBFIXTURES_REQUIRE", "true"),
            ("ORBFIXTURES_AUTOSTART", "yes"),
            ("ORBFIXTURES_WATCHDOG", "0"),
            ("ORBFIXTURES_MAX_ATTEMPTS", "7"),
            ("ORBFIXTURES_MAX_PARALLEL_CREATES", "3"),
            ("ORBFIXTURES_POLL_INTERVAL", "0.25"),
            ("ORBFIXTURES_CLEANUP", "keep-on-failure"),
            ("ORBFIXTURES_NAME_PREFIX", "ci-7"),
            ("ORBFIXTURES_STATE_DIR", "/tmp/of-state"),
            ("ORBFIXTURES_REPORT", "/tmp/of-report.json"));

        Assert.Equal("/opt/orb/orbctl", options.OrbctlPath);
        Assert.True(options.Require);
        Assert.True(options.AutoStart);
        Assert.False(options.Watchdog);
        Assert.Equal(7, options.Retry.MaxAttempts);
        Assert.Equal(3, options.MaxParallelCreates);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
        Assert.Equal(CleanupPolicy.KeepOnFailure, options.Cleanup);
        Assert.Equal("ci-7", options.NamePrefix);
        Assert.Equal("/tmp/of-state", options.StateDirectory);
        Assert.Equal("/tmp/of-report.json", options.ReportPath);
    }

    [Theory]
    [InlineData("00:05:00", 300)]
    [InlineData("300", 300)]
    [InlineData("1.5", 1.5)]
    [InlineData("01:00:00", 3600)]
    public void I_can_give_a_timeout_as_hh_mm_ss_or_as_seconds(string value, double seconds)
    {
        var options = Read(("ORBFIXTURES_TIMEOUT_CREATE", value));

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Timeouts[Operation.Create]);
        Assert.Equal(OperationTimeouts.Default[Operation.Info], options.Timeouts[Operation.Info]);
    }

    [Fact]
    public void Every_operation_has_its_own_timeout_key()
    {
        var variables = Enum.GetValues<Operation>()
            .Select((op, i) => (OrbFixturesConfiguration.TimeoutKey(op), (string?)(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

        var options = Read(variables);

        Assert.All(Enum.GetValues<Operation>().Select((op, i) => (op, i)),
            x => Assert.Equal(TimeSpan.FromSeconds(x.i + 1), options.Timeouts[x.op]));
        Assert.Equal("ORBFIXTURES_TIMEOUT_CREATE", OrbFixturesConfiguration.TimeoutKey(Operation.Create));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    public void Booleans_accept_true_false_1_0_yes_no(string value, bool expected) =>
        Assert.Equal(expected, Read(("ORBFIXTURES_REQUIRE", value)).Require);

    [Fact]
    public void An_empty_value_means_not_set()
    {
        var code = new OrbFixturesOptions { OrbctlPath = "/from/code", Require = true };

        var options = OrbFixturesConfiguration.FromEnvironment(code, new Dictionary<string, string?>
        {
            ["ORBFIXTURES_ORBCTL"] = "",
            ["ORBFIXTURES_REQUIRE"] = "  ",
            ["ORBFIXTURES_TIMEOUT_CREATE"] = "",
        });

        Assert.Equal("/from/code", options.OrbctlPath);
        Assert.True(options.Require);
    }

    [Fact]
    public void A_timeout_that_is_not_a_duration_is_rejected_naming_key_value_and_form()
    {
        var e = Rejects("ORBFIXTURES_TIMEOUT_CREATE", "banana");

        Assert.Equal("ORBFIXTURES_TIMEOUT_CREATE", e.Key);
        Assert.Equal("banana", e.Value);
        // The one test of this message's wording: the key, the value, the range and the accepted forms.
        Assert.Equal("Invalid OrbFixtures configuration: ORBFIXTURES_TIMEOUT_CREATE='banana'. " +
                     "Expected a duration from 10 ms to 24 h: seconds (e.g. 300 or 0.5) or hh:mm:ss (e.g. 00:05:00).", e.Message);
    }

    [Theory]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "0")]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "-5")]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "00:00:00")]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "5 minutes")]
    [InlineData("ORBFIXTURES_POLL_INTERVAL", "fast")]
    [InlineData("ORBFIXTURES_REQUIRE", "maybe")]
    [InlineData("ORBFIXTURES_AUTOSTART", "on")]
    [InlineData("ORBFIXTURES_WATCHDOG", "2")]
    [InlineData("ORBFIXTURES_MAX_ATTEMPTS", "0")]
    [InlineData("ORBFIXTURES_MAX_ATTEMPTS", "three")]
    [InlineData("ORBFIXTURES_MAX_PARALLEL_CREATES", "-1")]
    [InlineData("ORBFIXTURES_MAX_PARALLEL_CREATES", "1.5")]
    [InlineData("ORBFIXTURES_CLEANUP", "destroy")]
    [InlineData("ORBFIXTURES_NAME_PREFIX", "-lead")]
    [InlineData("ORBFIXTURES_NAME_PREFIX", "under_score")]
    [InlineData("ORBFIXTURES_NAME_PREFIX", "a-prefix-much-too-long-for-names")]
    public void Invalid_values_are_rejected_with_the_key_and_the_value(string key, string value)
    {
        var e = Rejects(key, value);

        Assert.Equal(key, e.Key);
        Assert.Equal(value, e.Value);
        Assert.Equal(new OrbFixturesConfigurationException(key, value, e.Expected).Message, e.Message); // made of those three
        Assert.False(string.IsNullOrWhiteSpace(e.Expected));
    }

    [Theory]
    [InlineData("ORBFIXTURES_TIMEOUT_CREATE", "5000000", "a duration from 10 ms to 24 h")]
    [InlineData("ORBFIXTURES_TIMEOUT_RUN", "10675199.02:48:05", "a duration from 10 ms to 24 h")]
    [InlineData("ORBFIXTURES_POLL_INTERVAL", "5000000", "a duration from 10 ms to 1 h")]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "100000000", "a duration from 10 ms to 24 h")]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "0.00000001", "a duration from 10 ms to 24 h")]
    [InlineData("ORBFIXTURES_POLL_INTERVAL", "0.00000001", "a duration from 10 ms to 1 h")]
    [InlineData("ORBFIXTURES_MAX_ATTEMPTS", "500", "a whole number from 1 to 100")]
    [InlineData("ORBFIXTURES_TIMEOUT_RUN", "0.0000001", "a duration from 10 ms to 24 h")]
    [InlineData("ORBFIXTURES_TIMEOUT_RUN", "1.00:00:00.0000001", "a duration from 10 ms to 24 h")]
    [InlineData("ORBFIXTURES_MAX_PARALLEL_CREATES", "65", "a whole number from 1 to 64")]
    [InlineData("ORBFIXTURES_MAX_ATTEMPTS", "99999999999", "a whole number from 1 to 100")]
    public void A_value_outside_its_range_is_rejected_naming_the_key_the_value_and_the_range(string key, string value, string range)
    {
        var e = Rejects(key, value);

        Assert.Equal(key, e.Key);
        Assert.Equal(value, e.Value);
        Assert.StartsWith(range, e.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ORBFIXTURES_TIMEOUT_INFO", "0.01")]
    [InlineData("ORBFIXTURES_TIMEOUT_CREATE", "86400")]
    [InlineData("ORBFIXTURES_TIMEOUT_RUN", "1.00:00:00")]
    [InlineData("ORBFIXTURES_POLL_INTERVAL", "3600")]
    [InlineData("ORBFIXTURES_MAX_ATTEMPTS", "100")]
    [InlineData("ORBFIXTURES_MAX_PARALLEL_CREATES", "64")]
    public void The_ends_of_each_range_are_accepted(string key, string value) =>
        Assert.NotEqual(new OrbFixturesOptions(), Read((key, value)));

    [Fact]
    public void A_value_set_in_code_outside_its_range_is_rejected_naming_the_property()
    {
        var code = new OrbFixturesOptions { Retry = new OrbCtlRetryOptions { MaxAttempts = 500 } };

        var e = Assert.Throws<OrbFixturesConfigurationException>(() => OrbFixturesConfiguration.FromEnvironment(code, new Dictionary<string, string?>()));

        Assert.Equal("OrbFixturesOptions.Retry.MaxAttempts", e.Key);
        Assert.Equal("500", e.Value);
        Assert.Contains(Validation.OptionRanges.MaxAttempts.ToString(), e.Expected, StringComparison.Ordinal); // the rule's own range
    }

    [Fact]
    public void An_environment_value_in_range_overrides_an_out_of_range_value_set_in_code()
    {
        var code = new OrbFixturesOptions { PollInterval = TimeSpan.FromHours(2) };

        var options = OrbFixturesConfiguration.FromEnvironment(code, new Dictionary<string, string?> { ["ORBFIXTURES_POLL_INTERVAL"] = "2" });

        Assert.Equal(TimeSpan.FromSeconds(2), options.PollInterval);
    }

    [Fact]
    public void A_misspelt_timeout_key_is_rejected_instead_of_silently_ignored()
    {
        var e = Rejects("ORBFIXTURES_TIMEOUT_CRAETE", "60");

        Assert.Contains(OrbFixturesConfiguration.TimeoutKey(Operation.Create), e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cleanup_policy_is_case_insensitive() =>
        Assert.Equal(CleanupPolicy.Keep, Read(("ORBFIXTURES_CLEANUP", "KEEP")).Cleanup);

    [Fact]
    public void Relative_paths_become_absolute() =>
        Assert.True(Path.IsPathRooted(Read(("ORBFIXTURES_STATE_DIR", "state")).StateDirectory));

    [Fact]
    public void Without_an_explicit_environment_the_process_environment_is_read()
    {
        // Only reads: this process's environment is never changed by a test.
        var expected = Environment.GetEnvironmentVariable("ORBFIXTURES_NAME_PREFIX") is { Length: > 0 } p ? p.Trim() : "of";

        Assert.Equal(expected, OrbFixturesConfiguration.FromEnvironment().NamePrefix);
    }
}
