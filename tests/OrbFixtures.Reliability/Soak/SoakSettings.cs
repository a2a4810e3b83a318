using System.Globalization;

namespace OrbFixtures.Reliability.Soak;

/// <summary>
/// The soak's seed and size. The CI tier runs <see cref="CiLifecycles"/> lifecycles with a fixed seed (deterministic);
/// <c>ORBFIXTURES_SOAK_SEED</c> replays a printed seed (or <c>random</c> draws a new one) and
/// <c>ORBFIXTURES_SOAK_LIFECYCLES</c> changes the count, e.g. 100 for the full soak. Both are only read, never set.
/// </summary>
internal sealed record SoakSettings(int Seed, int Lifecycles)
{
    public const string SeedKey = "ORBFIXTURES_SOAK_SEED";
    public const string LifecyclesKey = "ORBFIXTURES_SOAK_LIFECYCLES";
    public const int DefaultSeed = 20260301;
    public const int CiLifecycles = 30;
    public const int FullLifecycles = 100;

    public static SoakSettings FromEnvironment() => Parse(Environment.GetEnvironmentVariable(SeedKey), Environment.GetEnvironmentVariable(LifecyclesKey));

    public static SoakSettings Parse(string? seed, string? lifecycles)
    {
        var s = string.IsNullOrWhiteSpace(seed) ? DefaultSeed
            : seed.Trim() == "random" ? Random.Shared.Next()
            : int.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw new ArgumentException($"{SeedKey}='{seed}' is not a seed: give a whole number (as printed by an earlier soak) or 'random'.");
        var n = string.IsNullOrWhiteSpace(lifecycles) ? CiLifecycles
            : int.TryParse(lifecycles, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 10_000 ? count
            : throw new ArgumentException($"{LifecyclesKey}='{lifecycles}' is not a lifecycle count: give a whole number from 1 to 10000.");
        return new SoakSettings(s, n);
    }

    /// <summary>The command that replays this soak.</summary>
    public string ReplayCommand =>
        $"{SeedKey}={Seed} {LifecyclesKey}={Lifecycles} dotnet test tests/OrbFixtures.Reliability --filter FullyQualifiedName~Soak";
}
