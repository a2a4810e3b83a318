using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Samples;

/// <summary>
/// Users, files and the machine's lifecycle. The orderer (see AssemblyInfo.cs) runs the machine tests by <c>Order</c>
/// and the destructive restart last, so no other test of the class sees a machine mid-restart. Without OrbStack the
/// fixture provisions nothing and these machine tests are skipped; a plain <c>[Fact]</c> here would still run.
/// </summary>
[Collection(TwoDistrosCollection.Name)]
public sealed class GuestCommandTests(TwoDistros machines, ITestOutputHelper output) : MachineTest<TwoDistros>(machines, output)
{
    [MachineFact(Order = 1)]
    public async Task Both_machines_are_running_under_their_own_names()
    {
        foreach (var machine in Fixture.ReadyMachines)
        {
            var info = await machine.GetInfoAsync();

            Assert.Equal(MachineState.Running, info.State);
            Assert.EndsWith("-" + machine.LogicalName, machine.Name, StringComparison.Ordinal);
        }
        Assert.Equal(2, Fixture.ReadyMachines.Count);
    }

    [MachineFact(Order = 2)]
    public async Task A_command_runs_as_another_user_when_asked()
    {
        var asDefaultUser = await this[TwoDistros.Ubuntu].RunAsync("whoami");
        var asRoot = await this[TwoDistros.Ubuntu].RunAsync(["whoami"], new RunOptions { User = "root" });

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
            await File.WriteAllTextAsync(sent, content);

            await machine.PushAsync(sent, guestPath);
            var read = await machine.RunAsync("cat", guestPath);
            await machine.PullAsync(guestPath, received);

            Assert.Equal(content, read.StandardOutput);
            Assert.Equal(content, await File.ReadAllTextAsync(received));
        }
        finally
        {
            await machine.RunAsync("rm", "-f", guestPath);
            File.Delete(sent);
            File.Delete(received);
        }
    }

    [MachineFact(Destructive = true)]
    public async Task A_restarted_machine_is_ready_again()
    {
        var machine = this[TwoDistros.Ubuntu];

        await machine.RestartAsync();

        Assert.Equal(MachineState.Running, (await machine.GetInfoAsync()).State);
        Assert.Equal(0, (await machine.RunAsync("true")).ExitCode);
    }
}
