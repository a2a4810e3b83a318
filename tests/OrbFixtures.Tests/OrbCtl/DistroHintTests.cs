using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>orbctl decides which distros exist; when it rejects a create for its image, the failure keeps orbctl's
/// classification and text and adds what OrbFixtures knows of distros as a hint.</summary>
public sealed class DistroHintTests
{
    private readonly ObservedClock _clock = new();
    private readonly FakeOrbCtlProcessRunner _runner;

    public DistroHintTests() => _runner = new FakeOrbCtlProcessRunner(_clock);

    [Fact]
    public async Task An_unknown_distro_rejected_by_orbctl_fails_at_once_naming_it_and_listing_the_known_ones()
    {
        _runner.ThenFail("Error: invalid distro: rhel\nUsage:\n  orbctl create [flags] DISTRO[:VERSION] [MACHINE_NAME]");
        var client = TestClients.Create(_runner, _clock);

        var e = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-a", "rhel", "10")));

        Assert.Equal(OrbCtlErrorKind.InvalidArgument, e.Kind);
        Assert.Single(_runner.Invocations);
        Assert.StartsWith("Error: invalid distro: rhel", e.StandardError, StringComparison.Ordinal);
        Assert.Contains("'rhel' is not a distro OrbFixtures knows", e.Message, StringComparison.Ordinal);
        Assert.All(Distros.ByToken.Values, d => Assert.Contains($"{d.Token} {d.LatestVersion}", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(OrbCtlErrorKind.ImageNotFound, "[-32098] create 'of-a': make rootfs: image not found: {ubuntu focal arm64 default}")]
    [InlineData(OrbCtlErrorKind.ImageNotFound, "[-32098] create 'of-a': cloud-init not supported for 'archlinux'")]
    public async Task A_known_distro_whose_image_orbctl_lacks_gets_the_list_without_being_called_unknown(OrbCtlErrorKind kind, string stderr)
    {
        _runner.ThenFail(stderr);
        var client = TestClients.Create(_runner, _clock);

        var e = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", "focal")));

        Assert.Equal(kind, e.Kind);
        Assert.Contains(stderr, e.Message, StringComparison.Ordinal);
        Assert.Contains("Hint: distros OrbFixtures knows", e.Message, StringComparison.Ordinal);
        Assert.Contains("arch current (no cloud-init)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a distro OrbFixtures knows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_failure_that_is_not_about_the_image_gets_no_hint()
    {
        _runner.ThenFail("[-32098] create 'of-a': invalid machine name 'of-a'");
        var client = TestClients.Create(_runner, _clock);

        var e = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-a", "rhel")));

        Assert.Equal(OrbCtlErrorKind.InvalidArgument, e.Kind);
        Assert.DoesNotContain("Hint", e.Message, StringComparison.Ordinal);
    }
}
