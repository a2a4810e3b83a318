using OrbFixtures.OrbCtl;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>The options the simulated provisioning tests start from (<see cref="TestSupport.SimulatedWorld.Tuning"/>):
/// short poll intervals and backoffs, a fixed jitter, and a create timeout no normal create comes near.</summary>
internal static class SimulatedTuning
{
    public static OrbFixturesOptions Options { get; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        Timeouts = OperationTimeouts.Default.With(Operation.Create, TimeSpan.FromSeconds(20)),
        Retry = new OrbCtlRetryOptions
        {
            MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(400), Randomizer = () => 0.5,
        },
    };
}
