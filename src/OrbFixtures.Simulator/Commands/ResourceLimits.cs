using System.Globalization;
using System.Text.RegularExpressions;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// The checks OrbStack makes on resource limits, shared by <c>create --cpus/--memory/--disk</c> and
/// <c>config set machine.NAME.cpu|memory_mib|disk_bytes</c>. The CPU texts are orbctl's own (its <c>config set cpu</c>);
/// like them, a violation is one stderr line and exit 1.
/// </summary>
internal static partial class ResourceLimits
{
    private const long Mib = 1024 * 1024;

    public static void CheckCpus(long cpus, int hostCpus)
    {
        if (cpus < 1) throw new CommandFailedException("CPU limit must be at least 1");
        if (cpus > hostCpus) throw new CommandFailedException("CPU limit cannot exceed number of cores");
    }

    /// <summary>
    /// A <c>--memory</c>/<c>--disk</c> size: a positive whole number with a binary unit, <c>M</c> or <c>G</c> (also
    /// <c>T</c>, and the <c>MB</c>/<c>MiB</c> spellings, any case), as in <c>4G</c> and <c>2048M</c>. A bare number is
    /// refused: the unit it would mean is not documented, so a client must always say it.
    /// </summary>
    public static long ParseSizeBytes(string value)
    {
        var match = SizePattern().Match(value);
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var number) || number == 0)
            throw new CommandFailedException($"invalid size: '{value}'");
        var unit = char.ToUpperInvariant(match.Groups["unit"].Value[0]) switch { 'M' => Mib, 'G' => 1024 * Mib, _ => 1024 * 1024 * Mib };
        return number <= long.MaxValue / unit ? number * unit : throw new CommandFailedException($"invalid size: '{value}'");
    }

    public static long ParseSizeMib(string value) => ParseSizeBytes(value) / Mib;

    [GeneratedRegex("^(?<n>[0-9]+)(?<unit>[mMgGtT])([iI]?[bB])?$")]
    private static partial Regex SizePattern();
}
