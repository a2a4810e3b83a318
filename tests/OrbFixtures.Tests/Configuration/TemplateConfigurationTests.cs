using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Configuration;

/// <summary><c>ORBFIXTURES_TEMPLATES</c> and <c>ORBFIXTURES_TEMPLATE_MAX_AGE</c>: defaults, every mode, and a bad value
/// named with its key and what is expected.</summary>
public sealed class TemplateConfigurationTests
{
    private static OrbFixturesOptions Read(params (string Key, string Value)[] variables) =>
        OrbFixturesConfiguration.FromEnvironment(null, variables.ToDictionary(v => v.Key, v => (string?)v.Value));

    [Fact]
    public void Templates_are_reused_for_a_week_by_default()
    {
        var options = Read();
        Assert.Equal((TemplateMode.Reuse, TimeSpan.FromDays(7)), (options.Templates, options.TemplateMaxAge));
    }

    [Theory]
    [InlineData("reuse", TemplateMode.Reuse)]
    [InlineData("REBUILD", TemplateMode.Rebuild)]
    [InlineData("off", TemplateMode.Off)]
    public void Each_mode_is_read_from_the_environment(string value, TemplateMode mode) =>
        Assert.Equal(mode, Read((OrbFixturesConfiguration.TemplatesKey, value)).Templates);

    [Fact]
    public void The_max_age_is_a_duration()
    {
        Assert.Equal(TimeSpan.FromHours(1), Read((OrbFixturesConfiguration.TemplateMaxAgeKey, "01:00:00")).TemplateMaxAge);
        Assert.Equal(TimeSpan.Zero, Read((OrbFixturesConfiguration.TemplateMaxAgeKey, "0")).TemplateMaxAge);
    }

    [Fact]
    public void A_bad_mode_or_age_fails_naming_the_key_the_value_and_what_is_expected()
    {
        var mode = Assert.Throws<OrbFixturesConfigurationException>(() => Read((OrbFixturesConfiguration.TemplatesKey, "sometimes")));
        var age = Assert.Throws<OrbFixturesConfigurationException>(() => Read((OrbFixturesConfiguration.TemplateMaxAgeKey, "-1")));

        Assert.Equal(("ORBFIXTURES_TEMPLATES", "sometimes", "one of reuse, rebuild, off"), (mode.Key, mode.Value, mode.Expected));
        Assert.Equal(("ORBFIXTURES_TEMPLATE_MAX_AGE", "-1"), (age.Key, age.Value));
        Assert.Contains(OptionRanges.TemplateMaxAge.ToString(), age.Expected, StringComparison.Ordinal);
    }
}
