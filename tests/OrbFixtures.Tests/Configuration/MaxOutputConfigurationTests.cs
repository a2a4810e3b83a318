using OrbFixtures.OrbCtl;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Configuration;

/// <summary><c>ORBFIXTURES_MAX_OUTPUT</c> and the output cap set in code: the documented forms and range, and a clear
/// error naming the key, the value and the range before anything runs.</summary>
public sealed class MaxOutputConfigurationTests
{
    private static OrbFixturesOptions Read(string value) => OrbFixturesConfiguration.FromEnvironment(
        environment: new Dictionary<string, string?> { [OrbFixturesConfiguration.MaxOutputKey] = value });

    [Theory]
    [InlineData("65536", 65_536)]
    [InlineData("64KiB", 65_536)]
    [InlineData("16 MiB", 16_777_216)]
    [InlineData("1GiB", 1_073_741_824)]
    [InlineData("1024", 1024)]
    public void The_cap_is_read_in_bytes_or_binary_units(string value, int expected)
    {
        Assert.Equal(expected, Read(value).MaxOutputBytes);
    }

    [Fact]
    public void Unset_keeps_the_default_of_16_MiB()
    {
        Assert.Equal(16 * 1024 * 1024, OrbFixturesConfiguration.FromEnvironment(environment: new Dictionary<string, string?>()).MaxOutputBytes);
    }

    [Theory]
    [InlineData("1023")]
    [InlineData("2GiB")]
    [InlineData("1073741825")]
    [InlineData("-5")]
    [InlineData("16MB")]
    [InlineData("lots")]
    public void Values_outside_1_KiB_to_1_GiB_or_in_another_form_are_rejected_naming_key_value_and_range(string value)
    {
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => Read(value));

        Assert.Equal(("ORBFIXTURES_MAX_OUTPUT", value), (e.Key, e.Value));
        Assert.Contains(OptionRanges.MaxOutputBytes.Min.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Expected, StringComparison.Ordinal);
        Assert.Contains(OptionRanges.MaxOutputBytes.Max.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(int.MaxValue)]
    public void A_client_with_a_cap_out_of_range_is_refused(int maxBytes)
    {
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => new OrbCtlClient(new OrbCtlClientOptions { MaxOutputBytes = maxBytes }));

        Assert.Equal(("OrbCtlClientOptions.MaxOutputBytes", $"{maxBytes}"), (e.Key, e.Value));
        Assert.Contains(OptionRanges.MaxOutputBytes.Max.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_command_cap_out_of_range_is_refused_before_orbctl_runs()
    {
        var client = new OrbCtlClient(new OrbCtlClientOptions { OrbctlPath = "/nonexistent/orbctl" });

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync(new RunCommandRequest("box", ["true"]) { MaxOutputBytes = 10 }));

        Assert.Contains("The output cap of the command run in machine 'box' is 10 bytes; it must be between 1024 (1 KiB) and 1073741824 (1 GiB).",
            e.Message, StringComparison.Ordinal);
    }
}
