using OrbFixtures.Configuration;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Configuration;

/// <summary>
/// The typed reads of configuration variables, one kind of value at a time: every documented spelling, the edges of each
/// range (inclusive), blank meaning "not set", and a rejection that names the key and the value as written and says
/// what is expected (its range where it has one). The end-to-end reading of every key is the adapter's
/// <c>OrbFixturesConfigurationTests</c>.
/// </summary>
public sealed class ConfigurationValuesTests
{
    private const string Key = "ORBFIXTURES_TEST";

    private static ConfigurationValues With(string? value) => new(new Dictionary<string, string?> { [Key] = value });

    private static OrbFixturesConfigurationException Rejects(Func<ConfigurationValues, object?> read, string value)
    {
        var e = Assert.Throws<OrbFixturesConfigurationException>(() => read(With(value)));
        Assert.Equal((Key, value), (e.Key, e.Value));
        Assert.NotEmpty(e.Expected);
        return e;
    }

    [Fact]
    public void Keys_with_a_prefix_are_those_set_to_something_in_ordinal_order()
    {
        var values = new ConfigurationValues(new Dictionary<string, string?>
        {
            ["OF_T_B"] = "1",
            ["OF_T_A"] = "2",
            ["OF_T_BLANK"] = "  ",
            ["OF_T_NULL"] = null,
            ["X_OF_T_"] = "3", // the prefix in the middle or at the end does not count
            ["of_t_lower"] = "4", // keys are case-sensitive
        });

        Assert.Equal(["OF_T_A", "OF_T_B"], values.KeysStartingWith("OF_T_"));
    }

    [Fact]
    public void Raw_is_the_value_as_set_and_text_is_it_trimmed_with_blank_meaning_unset()
    {
        Assert.Equal(" a.b\t", With(" a.b\t").Raw(Key));
        Assert.Null(With("x").Raw("ORBFIXTURES_OTHER"));
        Assert.Equal("a.b", With(" a.b\t").Text(Key));
        Assert.Equal("a", With("a").Text(Key));
        Assert.Null(With(" \t").Text(Key));
        Assert.Null(With(null).Text(Key));
        Assert.Null(With("x").Text("ORBFIXTURES_OTHER"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData(" NO ", false)]
    public void Booleans_are_true_false_1_0_yes_or_no_in_any_case(string value, bool expected) =>
        Assert.Equal(expected, With(value).Boolean(Key));

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("on")]
    public void Another_boolean_is_rejected(string value) => Rejects(v => v.Boolean(Key), value);

    [Fact]
    public void Unset_or_blank_values_read_as_not_set_for_every_kind()
    {
        foreach (var values in new[] { new ConfigurationValues(new Dictionary<string, string?>()), With(""), With("  ") })
        {
            Assert.Null(values.Boolean(Key));
            Assert.Null(values.Integer(Key, OptionRanges.MaxAttempts));
            Assert.Null(values.ByteCount(Key, OptionRanges.MaxOutputBytes));
            Assert.Null(values.Duration(Key, OptionRanges.PollInterval));
            Assert.Null(values.Cleanup(Key));
            Assert.Null(values.Templates(Key));
            Assert.Null(values.NamePrefix(Key));
            Assert.Null(values.FilePath(Key));
        }
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData(" 42 ", 42)]
    public void Whole_numbers_within_the_range_including_its_ends_are_read(string value, int expected) =>
        Assert.Equal(expected, With(value).Integer(Key, OptionRanges.MaxAttempts));

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("1,000")]
    [InlineData("many")]
    public void Other_numbers_are_rejected_with_the_range(string value)
    {
        var e = Rejects(v => v.Integer(Key, OptionRanges.MaxAttempts), value);

        Assert.Contains(OptionRanges.MaxAttempts.ToString(), e.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1KiB", 1024)]
    [InlineData("1kib", 1024)]
    [InlineData("2MiB", 2 << 20)]
    [InlineData("1 GiB", 1 << 30)]
    [InlineData("1048576KiB", 1 << 30)] // the largest, in another unit
    [InlineData("1024", 1024)] // the smallest
    public void Sizes_are_bytes_or_binary_units_within_the_range_including_its_ends(string value, int expected) =>
        Assert.Equal(expected, With(value).ByteCount(Key, OptionRanges.MaxOutputBytes));

    [Theory]
    [InlineData("1048577KiB")]
    [InlineData("1025MiB")]
    [InlineData("1023")]
    [InlineData("0KiB")]
    [InlineData("KiB")]
    [InlineData("1TiB")]
    [InlineData("9999999999GiB")]
    public void Sizes_outside_the_range_or_in_another_form_are_rejected_with_the_range(string value)
    {
        var e = Rejects(v => v.ByteCount(Key, OptionRanges.MaxOutputBytes), value);

        Assert.Contains(OptionRanges.MaxOutputBytes.ToString(), e.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.01", 10)] // the smallest poll interval, in seconds
    [InlineData("3600", 3_600_000)] // the largest
    [InlineData("1.5", 1_500)]
    [InlineData("00:00:00.01", 10)] // the same edges as hh:mm:ss
    [InlineData("01:00:00", 3_600_000)]
    public void Durations_are_seconds_or_hh_mm_ss_within_the_range_including_its_ends(string value, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), With(value).Duration(Key, OptionRanges.PollInterval));

    [Theory]
    [InlineData("0.009")]
    [InlineData("3600.001")]
    [InlineData("00:00:00.009")]
    [InlineData("01:00:00.001")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("5m")]
    public void Durations_outside_the_range_or_in_another_form_are_rejected_with_the_range(string value)
    {
        var e = Rejects(v => v.Duration(Key, OptionRanges.PollInterval), value);

        Assert.Contains(OptionRanges.PollInterval.ToString(), e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Seconds_beyond_what_a_TimeSpan_holds_are_rejected_not_overflowed() =>
        Rejects(v => v.Duration(Key, OptionRanges.ReuseRetention), "1" + new string('0', 30));

    [Theory]
    [InlineData("delete", CleanupPolicy.Delete)]
    [InlineData("Stop", CleanupPolicy.Stop)]
    [InlineData("KEEP", CleanupPolicy.Keep)]
    [InlineData("keep-on-failure", CleanupPolicy.KeepOnFailure)]
    public void Cleanup_policies_are_read_in_any_case(string value, CleanupPolicy expected) =>
        Assert.Equal(expected, With(value).Cleanup(Key));

    [Theory]
    [InlineData("keep_on_failure")]
    [InlineData("remove")]
    public void Another_cleanup_policy_is_rejected(string value) => Rejects(v => v.Cleanup(Key), value);

    [Theory]
    [InlineData("Reuse", TemplateMode.Reuse)]
    [InlineData("rebuild", TemplateMode.Rebuild)]
    [InlineData("OFF", TemplateMode.Off)]
    public void Template_modes_are_read_in_any_case(string value, TemplateMode expected) =>
        Assert.Equal(expected, With(value).Templates(Key));

    [Fact]
    public void Another_template_mode_is_rejected() => Rejects(v => v.Templates(Key), "sometimes");

    [Fact]
    public void A_name_prefix_is_read_when_it_can_start_machine_names_and_rejected_with_the_rule_otherwise()
    {
        Assert.Equal("ci-7", With(" ci-7 ").NamePrefix(Key));

        Assert.Equal(MachineNames.PrefixRule, Rejects(v => v.NamePrefix(Key), "my_tests").Expected);
    }

    [Fact]
    public void A_file_path_is_made_absolute_and_one_with_a_NUL_is_rejected()
    {
        Assert.Equal("/tmp/of-state", With("/tmp/of-state").FilePath(Key));
        Assert.Equal(Path.GetFullPath("of-state"), With("of-state").FilePath(Key));

        Rejects(v => v.FilePath(Key), "/tmp/of\0state");
    }

}
