namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// How long each timed phase lasts, in milliseconds. A scenario gives simulated milliseconds; the loaded scenario holds
/// them <see cref="ScaledBy">scaled</see> to wall-clock milliseconds, which is what the commands wait for.
/// <see cref="Test"/> is the default: short, so suites stay fast. <see cref="Published"/> takes each value from published
/// figures for OrbStack where there are some (the simulator README lists them with their sources).
/// </summary>
internal sealed class Durations
{
    public const string TestProfile = "test";
    public const string PublishedProfile = "published";

    public static Durations Test { get; } = new();

    public static Durations Published { get; } = new()
    {
        Create = 12_000,
        Provisioning = 3_000,
        CloudInit = 10_000,
        Start = 1_000,
        CloneFirstBoot = 2_000,
        Stop = 1_000,
        Restart = 2_000,
        Delete = 1_000,
        Clone = 500,
        DaemonStart = 5_000,
    };

    /// <summary>Image download and boot: the <c>creating</c> state of a create.</summary>
    public double Create { get; init; } = 150;

    /// <summary>Initial setup after boot (user, timezone): the <c>provisioning</c> state of a create.</summary>
    public double Provisioning { get; init; } = 100;

    /// <summary>cloud-init with <c>-c</c>: added to <c>provisioning</c> on create, and run again after a cloud clone's first boot.</summary>
    public double CloudInit { get; init; }

    public double Start { get; init; } = 50;

    /// <summary>The first start of a clone (it has never booted), instead of <see cref="Start"/>.</summary>
    public double CloneFirstBoot { get; init; } = 50;

    public double Stop { get; init; } = 50;
    public double Restart { get; init; } = 100;
    public double Delete { get; init; } = 20;

    /// <summary>The new machine of a <c>clone</c> is <c>creating</c> this long, then <c>stopped</c>.</summary>
    public double Clone { get; init; } = 50;

    /// <summary>An automatic start of a stopped OrbStack.</summary>
    public double DaemonStart { get; init; } = 100;

    /// <summary>The same durations in wall-clock milliseconds when simulated time runs <paramref name="time"/>'s scale times faster.</summary>
    public Durations ScaledBy(SimulatedTime time) => new()
    {
        Create = time.RealMs(Create),
        Provisioning = time.RealMs(Provisioning),
        CloudInit = time.RealMs(CloudInit),
        Start = time.RealMs(Start),
        CloneFirstBoot = time.RealMs(CloneFirstBoot),
        Stop = time.RealMs(Stop),
        Restart = time.RealMs(Restart),
        Delete = time.RealMs(Delete),
        Clone = time.RealMs(Clone),
        DaemonStart = time.RealMs(DaemonStart),
    };

    public static Durations? Profile(string name) => name switch
    {
        TestProfile => Test,
        PublishedProfile => Published,
        _ => null,
    };
}
