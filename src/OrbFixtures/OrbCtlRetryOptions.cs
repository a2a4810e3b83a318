namespace OrbFixtures;

/// <summary>How OrbFixtures retries, with one engine (Polly) and one backoff: an operation whose failure was classified
/// as transient, and the provisioner's create-then-reconcile step (a <c>create</c> itself is never repeated blindly:
/// its outcome is first read back from <c>info</c>, and only a machine that is still absent is created again).</summary>
public sealed record OrbCtlRetryOptions
{
    /// <summary>Attempts in total, the first included (per operation call, and per machine for create steps).</summary>
    /// <value>The default value is 4.</value>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The base delay of the exponential backoff.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest delay between two attempts.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether delays are jittered (decorrelated jitter), so parallel sessions do not retry in lock-step.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; init; } = true;

    /// <summary>The random source of the jitter (tests pass a seeded or constant one).</summary>
    /// <value>The default value is <see langword="null"/>: Polly's shared random source.</value>
    public Func<double>? Randomizer { get; init; }
}
