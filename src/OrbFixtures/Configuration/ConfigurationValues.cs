using System.Globalization;
using OrbFixtures.Validation;

namespace OrbFixtures.Configuration;

/// <summary>Typed reads of configuration variables; each invalid value throws naming the key, the value and the form
/// or range. Ranges come from <see cref="OptionRanges"/>, the same declarations the options validation uses.</summary>
internal sealed class ConfigurationValues(IReadOnlyDictionary<string, string?> environment)
{
    private const string DurationForms = ": seconds (e.g. 300 or 0.5) or hh:mm:ss (e.g. 00:05:00)";

    public IEnumerable<string> KeysStartingWith(string prefix) =>
        environment.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(e.Value))
            .Select(e => e.Key).Order(StringComparer.Ordinal);

    public string? Raw(string key) => environment.TryGetValue(key, out var v) ? v : null;

    /// <summary>The trimmed value, or <see langword="null"/> when unset or blank (blank means "not set", so an empty
    /// runsettings entry does not override code).</summary>
    public string? Text(string key) => Raw(key) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public bool? Boolean(string key) => Text(key) is not { } v ? null : v.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => throw Invalid(key, v, "true or false (also 1/0, yes/no)"),
    };

    public int? Integer(string key, IntegerRange range)
    {
        if (Text(key) is not { } v) return null;
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? range.Check(n, key, v)
            : throw Invalid(key, v, $"a whole number {range}");
    }

    /// <summary>A size in bytes: a whole number, optionally with a binary unit (<c>64KiB</c>, <c>16MiB</c>, <c>1GiB</c>),
    /// within <paramref name="range"/>.</summary>
    public int? ByteCount(string key, IntegerRange range)
    {
        if (Text(key) is not { } v) return null;
        var form = $"a size in bytes {range}: a whole number, optionally with KiB, MiB or GiB (e.g. 16MiB)";
        (string Suffix, long Factor)[] units = [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30)];
        var (number, factor) = units.FirstOrDefault(u => v.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase)) is { Suffix: { } suffix } unit
            ? (v[..^suffix.Length].TrimEnd(), unit.Factor)
            : (v, 1L);
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= range.Max / factor && n * factor >= range.Min
            ? (int)(n * factor)
            : throw Invalid(key, v, form);
    }

    public TimeSpan? Duration(string key, DurationRange range)
    {
        if (Text(key) is not { } v) return null;
        if (double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            // Checked as seconds first: TimeSpan.FromSeconds itself throws for values beyond TimeSpan's range.
            return seconds >= range.Min.TotalSeconds && seconds <= range.Max.TotalSeconds
                ? range.Check(TimeSpan.FromSeconds(seconds), key, v, DurationForms)
                : throw Invalid(key, v, $"a duration {range}{DurationForms}");
        }
        // The constant ("c") format only: culture-specific forms would read differently on different machines.
        return TimeSpan.TryParseExact(v, "c", CultureInfo.InvariantCulture, out var span)
            ? range.Check(span, key, v, DurationForms)
            : throw Invalid(key, v, $"a duration {range}{DurationForms}");
    }

    public CleanupPolicy? Cleanup(string key) => Text(key) is not { } v ? null : v.ToUpperInvariant() switch
    {
        "DELETE" => CleanupPolicy.Delete,
        "STOP" => CleanupPolicy.Stop,
        "KEEP" => CleanupPolicy.Keep,
        "KEEP-ON-FAILURE" => CleanupPolicy.KeepOnFailure,
        _ => throw Invalid(key, v, "one of delete, stop, keep, keep-on-failure"),
    };

    public TemplateMode? Templates(string key) => Text(key) is not { } v ? null : v.ToUpperInvariant() switch
    {
        "REUSE" => TemplateMode.Reuse,
        "REBUILD" => TemplateMode.Rebuild,
        "OFF" => TemplateMode.Off,
        _ => throw Invalid(key, v, "one of reuse, rebuild, off"),
    };

    public string? NamePrefix(string key)
    {
        if (Text(key) is not { } v) return null;
        return MachineNames.PrefixProblem(v) is null ? v : throw Invalid(key, v, MachineNames.PrefixRule);
    }

    public string? FilePath(string key)
    {
        if (Text(key) is not { } v) return null;
        try
        {
            // Path.GetFullPath itself rejects what no file-system path can hold (a NUL) with an ArgumentException.
            return Path.GetFullPath(v);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid(key, v, "a file-system path");
        }
    }

    private static OrbFixturesConfigurationException Invalid(string key, string value, string expected) => new(key, value, expected);
}
