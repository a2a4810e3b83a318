using System.Globalization;
using System.Text.RegularExpressions;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.Validation;

/// <summary>
/// How <see cref="DurationRange"/> and <see cref="IntegerRange"/> tell a user the range a value missed: each bound as
/// an amount of the largest unit it fills (so "10 ms" and "1 h", never "0.01 s" or "3600000 ms"), and the value as the
/// user wrote it. The rendered bounds are read back here and compared with the bounds as data.
/// </summary>
public sealed partial class OptionRangeTests
{
    // The units a bound is rendered in, smallest first.
    private static readonly (string Name, TimeSpan Size)[] s_units =
        [("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("min", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1))];

    [Theory]
    [InlineData(10)] // the smallest poll interval
    [InlineData(999)]
    [InlineData(1_000)] // exactly one of each unit: rendered in that unit, not the one below
    [InlineData(1_500)]
    [InlineData(59_000)]
    [InlineData(60_000)]
    [InlineData(90_000)]
    [InlineData(3_540_000)]
    [InlineData(3_600_000)]
    [InlineData(86_400_000)] // 24 h, the largest attempt timeout
    [InlineData(315_360_000_000)] // ten years, the largest retention
    public void A_bound_is_named_as_an_amount_of_the_largest_unit_it_fills(long milliseconds)
    {
        var bound = TimeSpan.FromMilliseconds(milliseconds);

        var (min, max) = Bounds(new DurationRange(bound, bound));

        Assert.Equal(min, max);
        Assert.Equal(bound, Duration(min));
        var (amount, unit) = Amount(min);
        Assert.True(amount >= 1, $"{min}: less than one {unit.Name}");
        if (Array.IndexOf(s_units, unit) + 1 is var next && next < s_units.Length)
            Assert.True(bound < s_units[next].Size, $"{min}: at least one {s_units[next].Name}");
    }

    [Fact]
    public void A_zero_bound_is_a_bare_zero_and_the_declared_ranges_read_back_as_their_bounds()
    {
        Assert.Equal(("0", "0"), Bounds(new DurationRange(TimeSpan.Zero, TimeSpan.Zero)));

        DurationRange[] declared = [OptionRanges.AttemptTimeout, OptionRanges.PollInterval, OptionRanges.RetryDelay, OptionRanges.ReuseRetention, OptionRanges.TemplateMaxAge];
        Assert.All(declared, range =>
        {
            var (min, max) = Bounds(range);
            Assert.Equal((range.Min, range.Max), (Duration(min), Duration(max)));
        });
    }

    [Fact]
    public void An_integer_out_of_range_is_reported_as_written_or_else_as_the_number()
    {
        var range = OptionRanges.MaxAttempts;

        var written = Assert.Throws<OrbFixturesConfigurationException>(() => range.Check(500, "ORBFIXTURES_RETRY_MAX_ATTEMPTS", "0500"));
        var inCode = Assert.Throws<OrbFixturesConfigurationException>(() => range.Check(-3, "OrbFixturesOptions.Retry.MaxAttempts"));

        Assert.Equal(("ORBFIXTURES_RETRY_MAX_ATTEMPTS", "0500"), (written.Key, written.Value));
        Assert.Equal(("OrbFixturesOptions.Retry.MaxAttempts", "-3"), (inCode.Key, inCode.Value));
        Assert.Equal(100, range.Check(100, "ORBFIXTURES_RETRY_MAX_ATTEMPTS", "100"));
    }

    private static (string Min, string Max) Bounds(DurationRange range)
    {
        var match = RangeText().Match(range.ToString());
        Assert.True(match.Success, range.ToString());
        return (match.Groups["min"].Value, match.Groups["max"].Value);
    }

    private static TimeSpan Duration(string bound)
    {
        if (bound == "0") return TimeSpan.Zero;
        var (amount, unit) = Amount(bound);
        return TimeSpan.FromTicks((long)Math.Round(amount * unit.Size.Ticks));
    }

    private static (double Amount, (string Name, TimeSpan Size) Unit) Amount(string bound)
    {
        var match = AmountText().Match(bound);
        Assert.True(match.Success, bound);
        return (double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture),
            Assert.Single(s_units, u => u.Name == match.Groups["unit"].Value));
    }

    [GeneratedRegex(@"\Afrom (?<min>.+) to (?<max>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex RangeText();

    [GeneratedRegex(@"\A(?<amount>[0-9]+(\.[0-9]+)?) (?<unit>[a-z]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex AmountText();
}
