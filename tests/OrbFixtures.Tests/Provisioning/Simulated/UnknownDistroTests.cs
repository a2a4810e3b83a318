using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>A distro OrbFixtures does not know is not rejected by OrbFixtures: it reaches orbctl (here the simulator,
/// which rejects what real orbctl rejects), whose refusal fails provisioning at once, with a hint.</summary>
public sealed class UnknownDistroTests
{
    [Fact]
    public async Task A_distro_orbctl_rejects_fails_after_one_create_with_the_known_distros_as_a_hint()
    {
        using var world = new SimulatedWorld(tuning: SimulatedTuning.Options);
        var provisioner = world.Provisioner();

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => provisioner.EnsureAsync(MachineSpec.Create("db", "rhel:10")));
        await provisioner.DisposeAsync();

        Assert.Equal(OrbCtlErrorKind.InvalidArgument, e.Kind);
        var orbctl = Assert.IsType<OrbCtlException>(e.InnerException);
        Assert.Equal(OrbCtlErrorKind.InvalidArgument, orbctl.Kind);
        Assert.EndsWith(Distros.RejectedImageHint("rhel"), orbctl.Message, StringComparison.Ordinal);
        Assert.Single(world.Log, i => i.Command == "create");
        Assert.Empty(Directory.GetFiles(Path.Combine(world.StateDirectory, "ledger"), "*.json"));
        Assert.Empty(world.RunningOrbctl());
    }
}
