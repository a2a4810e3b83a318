using System.Globalization;

namespace OrbFixtures.Benchmarks;

/// <summary>Repeated wall-clock measurements of one thing; the median is the figure, the range shows the noise.</summary>
internal sealed class Samples
{
    private readonly List<TimeSpan> _values;

    public Samples(IEnumerable<TimeSpan> values)
    {
        _values = [.. values.Order()];
        if (_values.Count == 0) throw new ArgumentException("At least one sample is needed.", nameof(values));
    }

    public int Count => _values.Count;

    public TimeSpan Median => _values.Count % 2 == 1
        ? _values[_values.Count / 2]
        : (_values[(_values.Count / 2) - 1] + _values[_values.Count / 2]) / 2;

    public TimeSpan Min => _values[0];

    public TimeSpan Max => _values[^1];

    /// <summary><c>2.61 s (2.55–2.70 s, n=5)</c>.</summary>
    public override string ToString() => Count == 1
        ? Seconds(Median)
        : $"{Seconds(Median)} (range {Seconds(Min)}–{Seconds(Max)}, n={Count})";

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Millis(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double r) => r.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
