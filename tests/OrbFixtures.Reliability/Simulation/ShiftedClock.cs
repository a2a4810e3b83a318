namespace OrbFixtures.Reliability.Simulation;

/// <summary>The system clock moved by <paramref name="offset"/>: a run "later" without waiting for it. Timers and
/// delays are the system's own.</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
}
