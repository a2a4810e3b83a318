using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>Delays between create attempts: exponential from <see cref="OrbCtlRetryOptions.BaseDelay"/>, capped at
/// <see cref="OrbCtlRetryOptions.MaxDelay"/>, jittered by ±50 % so parallel sessions do not retry in lock-step.</summary>
internal static class CreateBackoff
{
    /// <summary>The delay after the <paramref name="failedAttempt"/>-th attempt (1-based) failed.</summary>
    public static TimeSpan After(int failedAttempt, OrbCtlRetryOptions retry, Func<double> random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var exponential = retry.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var capped = Math.Min(exponential, retry.MaxDelay.TotalMilliseconds);
        var jittered = retry.UseJitter ? capped * (0.5 + Math.Clamp(random(), 0, 1)) : capped;
        return TimeSpan.FromMilliseconds(Math.Min(jittered, retry.MaxDelay.TotalMilliseconds));
    }
}
