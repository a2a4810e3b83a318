using OrbFixtures.OrbCtl;

namespace OrbFixtures.Tests.OrbCtl.Fakes;

/// <summary>Builds clients on a fake runner and a fake clock.</summary>
internal static class TestClients
{
    /// <summary>Deterministic retry settings: no jitter, 1 s base delay, 4 attempts.</summary>
    public static OrbCtlRetryOptions PlainRetry { get; } = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(20),
        UseJitter = false,
    };

    public static OrbCtlClient Create(FakeOrbCtlProcessRunner runner, ObservedClock clock, OrbCtlClientOptions? options = null) =>
        new((options ?? new OrbCtlClientOptions { Retry = PlainRetry }) with { TimeProvider = clock }, runner);
}
