using OrbFixtures.Xunit;
using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// Users, files and the machine's lifecycle. The orderer (see AssemblyInfo.cs) runs the machine tests by <c>Order</c>
/// and the destructive restart last, so no other test of the class sees a machine mid-restart. Every call takes the
/// test's cancellation token: stopping the run (Ctrl-C, <c>--timeout</c>, an IDE's stop button) ends the orbctl
/// processes at once, and the fixture still cleans up.
/// </summary>
[Collection(TwoDistrosCollection.Name)]
public sealed class GuestCommandTests(TwoDistros machines, ITestOutputHelper output) : MachineTest<TwoDistros>(machines, output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [MachineFact(Order = 1)]
    public async Task Both_machines_are_running_under_their_own_names()
    {
        foreach (var machine in Fixture.ReadyMachines)
        {
            var info = await machine.GetInfoAsync(Cancellation);

            Assert.Equal(MachineState.Running, info.State);
            Assert.EndsWith("-" + machine.LogicalName, machine.Name, StringComparison.Ordinal);
        }
        Assert.Equal(2, Fixture.ReadyMachines.Count);
    }

    [MachineFact(Order = 2)]
    public async Task A_command_runs_as_another_user_when_asked()
    {
        var asDefaultUser = await this[TwoDistros.Ubuntu].RunAsync(["whoami"], options: null, Cancellation);
        var asRoot = await this[TwoDistros.Ubuntu].RunAsync(["whoami"], new RunOptions { User = "root" }, Cancellation);

        Assert.Equal(TwoDistros.UbuntuUser, asDefaultUser.StandardOutput.Trim());
        Assert.Equal("root", asRoot.StandardOutput.Trim());
    }

    [MachineFact(Order = 3)]
    public async Task A_pushed_file_can_be_read_back_in_the_machine_and_pulled_out_again()
    {
        var machine = this[TwoDistros.Debian];
        var content = $"written by {nameof(GuestCommandTests)} {Guid.NewGuid():N}";
        var guestPath = $"/tmp/orbfixtures-sample-{Guid.NewGuid():N}.txt";
        var sent = Path.GetTempFileName();
        var received = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        try
        {
            await File.WriteAllTextAsync(sent, content, Cancellation);

            await machine.PushAsync(sent, guestPath, Cancellation);
            var read = await machine.RunAsync(["cat", guestPath], options: null, Cancellation);
            await machine.PullAsync(guestPath, received, Cancellation);

            Assert.Equal(content, read.StandardOutput);
            Assert.Equal(content, await File.ReadAllTextAsync(received, Cancellation));
        }
        finally
        {
            // Not the test's token: the file is removed even when the run was cancelled.
            await machine.RunAsync("rm", "-f", guestPath);
            File.Delete(sent);
            File.Delete(received);
        }
    }

    [MachineFact(Destructive = true)]
    public async Task A_restarted_machine_is_ready_again()
    {
        var machine = this[TwoDistros.Ubuntu];

        await machine.RestartAsync(Cancellation);

        Assert.Equal(MachineState.Running, (await machine.GetInfoAsync(Cancellation)).State);
        Assert.Equal(0, (await machine.RunAsync(["true"], options: null, Cancellation)).ExitCode);
    }
}
