namespace OrbFixtures.OrbCtl;

/// <summary>How the client retries an operation whose failure was classified as transient.
/// <see cref="Operation.Create"/> is never retried by the client: the provisioner reconciles instead.</summary>
public sealed record OrbCtlRetryOptions
{
    /// <summary>Attempts in total, the first included.</summary>
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
