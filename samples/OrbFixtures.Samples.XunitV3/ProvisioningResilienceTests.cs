using OrbFixtures.Diagnostics;
using OrbFixtures.Xunit;
using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// Provisioning that hangs or fails transiently still hands the tests ready machines, and every attempt is on record:
/// run with the launch profile "simulator" to watch a hung create being adopted and a transient failure retried.
/// </summary>
[Collection(ResilientPairCollection.Name)]
public sealed class ProvisioningResilienceTests(ResilientPair machines, ITestOutputHelper output)
    : MachineTest<ResilientPair>(machines, output)
{
    [MachineTheory]
    [InlineData(ResilientPair.Primary)]
    [InlineData(ResilientPair.Replica)]
    public async Task Provisioning_hands_over_a_working_machine_whatever_orbctl_did(string name)
    {
        var machine = this[name];
        Output.WriteLine(EventText.Render(machine.Log));

        Assert.Equal(0, (await machine.RunAsync(["true"], options: null, TestContext.Current.CancellationToken)).ExitCode);
        // Everything that happened to the machine is a typed event in its log: query it, do not parse the text.
        Assert.Single(machine.Log.OfType<MachineReady>());
        var creates = machine.Log.OfType<AttemptFinished>().Where(a => a.Operation == Operation.Create).ToList();
        Assert.NotEmpty(creates);
        // A create that hung after making the machine is never retried blindly into "machine already exists".
        Assert.DoesNotContain(creates, a => a.Error == OrbCtlErrorKind.AlreadyExists);
    }
}
