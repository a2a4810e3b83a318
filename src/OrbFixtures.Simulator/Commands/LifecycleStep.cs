namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// The outcome of a state change decided under the state lock: when it completes (to wait for outside the lock)
/// or the daemon error to report once the change has been saved.
/// </summary>
internal readonly record struct LifecycleStep(DateTimeOffset? Until, CommandFailedException? Failure = null)
{
    public static LifecycleStep Done { get; } = new(null);

    /// <summary>Throws the failure or waits until the change completes.</summary>
    public void Complete(CommandContext context)
    {
        if (Failure is not null) throw Failure;
        if (Until is { } until) context.SleepUntil(until);
    }
}
