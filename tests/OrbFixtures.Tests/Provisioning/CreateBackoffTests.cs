using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class CreateBackoffTests
{
    private static readonly OrbCtlRetryOptions s_retry = new()
    {
        BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), UseJitter = false,
    };

    [Fact]
    public void Delays_double_after_each_failed_attempt_up_to_the_maximum()
    {
        var delays = Enumerable.Range(1, 6).Select(n => CreateBackoff.After(n, s_retry, () => 0.5).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(0.5, 4.0)]
    [InlineData(1.0, 6.0)]
    public void Jitter_spreads_a_delay_by_half_either_way(double random, double seconds)
    {
        var delay = CreateBackoff.After(3, s_retry with { UseJitter = true, MaxDelay = TimeSpan.FromMinutes(1) }, () => random);

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Fact]
    public void Jitter_never_exceeds_the_maximum_delay() =>
        Assert.Equal(TimeSpan.FromSeconds(10), CreateBackoff.After(10, s_retry with { UseJitter = true }, () => 1.0));
}
