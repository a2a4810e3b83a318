using System.Globalization;

namespace OrbFixtures.Simulator.Output;

/// <summary>Disk sizes in SI units with one decimal, as orbctl prints them (<c>848.0 MB</c>).</summary>
internal static class DiskSizeText
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000_000 => Scaled(bytes, 1e9, "GB"),
        >= 1_000_000 => Scaled(bytes, 1e6, "MB"),
        >= 1_000 => Scaled(bytes, 1e3, "kB"),
        _ => $"{bytes} B",
    };

    private static string Scaled(long bytes, double unit, string suffix) =>
        (bytes / unit).ToString("0.0", CultureInfo.InvariantCulture) + " " + suffix;
}
