using System.Globalization;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>Typed reads of configuration variables; each invalid value throws naming the key, the value and the form.</summary>
internal sealed class ConfigurationValues(IReadOnlyDictionary<string, string?> environment)
{
    private const string DurationForm = "a positive duration: hh:mm:ss (e.g. 00:05:00) or seconds (e.g. 300 or 0.5)";
    private const int MaxPrefixLength = 20;

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

    public int? PositiveInteger(string key)
    {
        if (Text(key) is not { } v) return null;
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw Invalid(key, v, "a whole number of at least 1");
    }

    /// <summary>A size in bytes: a whole number, optionally with a binary unit (<c>64KiB</c>, <c>16MiB</c>, <c>1GiB</c>),
    /// within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public int? ByteCount(string key, int min, int max)
    {
        if (Text(key) is not { } v) return null;
        var form = string.Create(CultureInfo.InvariantCulture,
            $"a size in bytes from {min} to {max}: a whole number, optionally with KiB, MiB or GiB (e.g. 16MiB)");
        (string Suffix, long Factor)[] units = [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30)];
        var (number, factor) = units.FirstOrDefault(u => v.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase)) is { Suffix: { } suffix } unit
            ? (v[..^suffix.Length].TrimEnd(), unit.Factor)
            : (v, 1L);
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max / factor && n * factor >= min
            ? (int)(n * factor)
            : throw Invalid(key, v, form);
    }

    public TimeSpan? Duration(string key)
    {
        if (Text(key) is not { } v) return null;
        if (double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2
                ? TimeSpan.FromSeconds(seconds)
                : throw Invalid(key, v, DurationForm);
        }
        // The constant ("c") format only: culture-specific forms would read differently on different machines.
        return TimeSpan.TryParseExact(v, "c", CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw Invalid(key, v, DurationForm);
    }

    public CleanupPolicy? Cleanup(string key) => Text(key) is not { } v ? null : v.ToUpperInvariant() switch
    {
        "DELETE" => CleanupPolicy.Delete,
        "STOP" => CleanupPolicy.Stop,
        "KEEP" => CleanupPolicy.Keep,
        "KEEP-ON-FAILURE" => CleanupPolicy.KeepOnFailure,
        _ => throw Invalid(key, v, "one of delete, stop, keep, keep-on-failure"),
    };

    public string? NamePrefix(string key)
    {
        if (Text(key) is not { } v) return null;
        // The prefix starts every machine name, so it must itself start a valid name and leave room for the rest.
        var valid = v.Length <= MaxPrefixLength && char.IsAsciiLetterOrDigit(v[0])
                    && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
                    && MachineNames.Problem(v + "-x") is null;
        return valid
            ? v
            : throw Invalid(key, v,
                $"at most {MaxPrefixLength} letters, digits, '-' or '.', starting with a letter or digit (it starts every machine name)");
    }

    public string? FilePath(string key)
    {
        if (Text(key) is not { } v) return null;
        try
        {
            return v.Contains('\0', StringComparison.Ordinal) ? throw Invalid(key, v, "a file-system path") : Path.GetFullPath(v);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid(key, v, "a file-system path");
        }
    }

    private static OrbFixturesConfigurationException Invalid(string key, string value, string expected) => new(key, value, expected);
}
