using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>No path leaves an <c>orbctl create</c> (or its watchdog) running: whatever ends an attempt, the create is
/// killed and the flow waits until its process has exited before it goes on.</summary>
public sealed class CreateLifetimeTests : IDisposable
{
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");
    private static readonly TimeSpan s_dying = TimeSpan.FromSeconds(5);
    private readonly ProvisioningBed _bed = new();

    public void Dispose() => _bed.Dispose();

    /// <summary>A create that hangs until killed and then takes <see cref="s_dying"/> of fake time to exit, like an
    /// orbctl process that is slow to die. Both waits are on the fake clock, so a kill runs on inline.</summary>
    private void CreatesHangAndDieSlowly() => _bed.OrbCtl.BeforeCreate = async (_, ct) =>
    {
        try
        {
            await _bed.Time.DelayAsync(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException)
        {
            await _bed.Time.DelayAsync(s_dying, CancellationToken.None);
            throw;
        }
    };

    [Fact]
    public async Task A_watchdog_that_fails_unexpectedly_kills_the_create_and_waits_for_it_to_exit()
    {
        CreatesHangAndDieSlowly();
        // The lookup is info 1; the watchdog's first poll (info 2) fails in a way no caller handles.
        _bed.OrbCtl.BeforeInfo = (_, count) => count == 2 ? Task.FromException(new InvalidOperationException("a poll went wrong")) : Task.CompletedTask;
        await using var provisioner = _bed.NewProvisioner();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_db)));

        Assert.Equal(0, _bed.OrbCtl.ActiveCreates);
        var create = Assert.Single(_bed.Recorded.OfType<AttemptFinished>(), a => a.Operation == Operation.Create);
        Assert.Equal(AttemptOutcome.Cancelled, create.Outcome);
        // Killed at the failed poll (1 s), exited 5 s later: the failure is reported only after that.
        var started = _bed.Recorded.OfType<CreateStarted>().Single().At;
        Assert.Equal(TimeSpan.FromSeconds(1) + s_dying, _bed.Recorded.OfType<ProvisioningFailed>().Single().At - started);
    }
}
