using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

using CreateStep = OrbFixtures.Tests.Provisioning.Fakes.CreateStep;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>One retry engine: the provisioner's create-then-reconcile steps back off exactly like every operation
/// (<c>OperationPipelines.ApplyBackoff</c>: exponential from BaseDelay, capped at MaxDelay, Polly's jitter from
/// <see cref="OrbCtlRetryOptions.Randomizer"/>), on the fake clock, and are numbered across retries.</summary>
public sealed class CreateRetryTests : IDisposable
{
    private const string MissingIp = "[-32098] create 'of-t3st-db': setup: machine didn't start in 30s (missing IP address)";
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private void FailCreates(int times)
    {
        for (var i = 0; i < times; i++) _bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Transient, MissingIp));
    }

    [Fact]
    public async Task Without_jitter_create_steps_wait_exactly_base_then_twice_base_capped_at_the_maximum()
    {
        FailCreates(4);
        var retry = _bed.Options.Retry with { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), UseJitter = false };
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Retry = retry });

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var delays = machine.Log.OfType<RetryScheduled>().Select(r => r.Delay.TotalSeconds);
        Assert.Equal([1, 2, 3, 3], delays);
        var times = _bed.OrbCtl.CreateTimes;
        Assert.Equal([1, 2, 3, 3], times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds));
        Assert.Equal([2, 3, 4, 5], machine.Log.OfType<RetryScheduled>().Select(r => r.NextAttempt));
        Assert.All(machine.Log.OfType<RetryScheduled>(), r => Assert.Equal(5, r.MaxAttempts));
        Assert.Equal([1, 2, 3, 4, 5], machine.Log.OfType<CreateStarted>().Select(c => c.Attempt));
    }

    [Fact]
    public async Task Two_create_steps_give_attempts_one_and_two_not_one_twice()
    {
        FailCreates(1);
        await using var provisioner = _bed.NewProvisioner();

        var machine = await _bed.Drive(() => provisioner.EnsureAsync(s_db));

        var creates = machine.Log.OfType<AttemptFinished>().Where(a => a.Operation == Operation.Create).ToList();
        Assert.Equal([1, 2], creates.Select(a => a.Attempt));
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Succeeded], creates.Select(a => a.Outcome));
        Assert.Equal(ReadyVia.Created, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
    }

    [Fact]
    public async Task Jittered_create_delays_come_from_the_retry_options_randomizer()
    {
        async Task<List<TimeSpan>> DelaysWith(int seed)
        {
            using var bed = new ProvisioningBed();
            for (var i = 0; i < 3; i++) bed.OrbCtl.CreateSteps.Enqueue(CreateStep.Failing(OrbCtlErrorKind.Transient, MissingIp));
            var random = new Random(seed);
            var calls = 0;
            var retry = bed.Options.Retry with { UseJitter = true, Randomizer = () => { calls++; return random.NextDouble(); } };
            await using var provisioner = bed.NewProvisioner(options: bed.Options with { Retry = retry });
            var machine = await bed.Drive(() => provisioner.EnsureAsync(s_db));
            Assert.True(calls >= 3, $"the randomizer was asked {calls} times for 3 delays");
            return machine.Log.OfType<RetryScheduled>().Select(r => r.Delay).ToList();
        }

        var first = await DelaysWith(42);
        var again = await DelaysWith(42);

        Assert.Equal(3, first.Count);
        Assert.Equal(first, again); // reproducible with the same random source
        Assert.NotEqual([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], first); // jitter applied
        Assert.All(first, d => Assert.InRange(d, TimeSpan.Zero, _bed.Options.Retry.MaxDelay));
    }

    [Fact]
    public async Task One_attempt_allowed_makes_exactly_one_create_and_no_retry()
    {
        FailCreates(1);
        await using var provisioner = _bed.NewProvisioner(options: _bed.Options with { Retry = _bed.Options.Retry with { MaxAttempts = 1 } });

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Single(_bed.OrbCtl.CreateTimes);
        Assert.Empty(e.Log.OfType<RetryScheduled>());
        var started = Assert.Single(e.Log.OfType<CreateStarted>());
        Assert.Equal((1, 1), (started.Attempt, started.MaxAttempts));
        Assert.Equal(OrbCtlErrorKind.Transient, Assert.Single(e.Log.OfType<ProvisioningFailed>()).Error);
    }
}
