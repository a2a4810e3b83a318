namespace OrbFixtures.Samples;

/// <summary>The <c>KEY=value</c> lines of <c>/etc/os-release</c>, quotes removed.</summary>
internal static class OsRelease
{
    public static IReadOnlyDictionary<string, string> Parse(string text) => text
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
        .Select(line => line.Split('=', 2))
        .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'), StringComparer.Ordinal);
}
