using System.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class SystemProcessLivenessTests
{
    private static readonly SystemProcessLiveness s_liveness = SystemProcessLiveness.Instance;

    [Fact]
    public void This_process_is_alive()
    {
        Assert.Equal(Environment.ProcessId, s_liveness.Current.Pid);
        Assert.True(s_liveness.IsAlive(s_liveness.Current));
    }

    [Fact]
    public void A_live_pid_with_another_start_time_is_a_different_process()
    {
        var recycled = s_liveness.Current with { StartTime = s_liveness.Current.StartTime.AddMinutes(-10) };

        Assert.False(s_liveness.IsAlive(recycled));
    }

    [Fact]
    public async Task A_process_that_exited_is_dead()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        var identity = new ProcessIdentity(process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero));
        await process.WaitForExitAsync();

        Assert.False(s_liveness.IsAlive(identity));
    }
}
