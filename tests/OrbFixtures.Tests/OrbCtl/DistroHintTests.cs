using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>orbctl decides which distros exist; when it rejects a create for its image, the failure keeps orbctl's
/// classification and text and adds what OrbFixtures knows of distros as a hint (whose wording is tested once, here).</summary>
public sealed class DistroHintTests
{
    private readonly ObservedClock _clock = new();
    private readonly FakeOrbCtlProcessRunner _runner;

    public DistroHintTests() => _runner = new FakeOrbCtlProcessRunner(_clock);

    [Fact]
    public void The_hint_names_an_unknown_distro_and_lists_each_known_one_with_the_version_an_omitted_one_becomes()
    {
        var unknown = Distros.RejectedImageHint("rhel");

        Assert.StartsWith("Hint: 'rhel' is not a distro OrbFixtures knows; ", unknown, StringComparison.Ordinal);
        Assert.All(Distros.ByToken.Values, d => Assert.Contains(d.Token + " " + d.LatestVersion, unknown, StringComparison.Ordinal));
        Assert.Contains("arch current (no cloud-init)", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("'ubuntu'", Distros.RejectedImageHint("ubuntu"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_distro_rejected_by_orbctl_fails_at_once_with_the_hint_naming_it()
    {
        const string Stderr = "Error: invalid distro: rhel\nUsage:\n  orbctl create [flags] DISTRO[:VERSION] [MACHINE_NAME]";
        _runner.ThenFail(Stderr);
        var client = TestClients.Create(_runner, _clock);

        var e = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-a", "rhel", "10")));

        Assert.Equal(OrbCtlErrorKind.InvalidArgument, e.Kind);
        Assert.Single(_runner.Invocations);
        Assert.Equal(Stderr, e.StandardError);
        Assert.EndsWith(Distros.RejectedImageHint("rhel"), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[-32098] create 'of-a': make rootfs: image not found: {ubuntu focal arm64 default}")]
    [InlineData("[-32098] create 'of-a': cloud-init not supported for 'archlinux'")]
    public async Task A_known_distro_whose_image_orbctl_lacks_keeps_orbctls_text_and_gets_the_hint(string stderr)
    {
        _runner.ThenFail(stderr);
        var client = TestClients.Create(_runner, _clock);

        var e = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", "focal")));

        Assert.Equal(OrbCtlErrorKind.ImageNotFound, e.Kind);
        Assert.Contains(stderr, e.Message, StringComparison.Ordinal);
        Assert.EndsWith(Distros.RejectedImageHint("ubuntu"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_failure_that_is_not_about_the_image_gets_no_hint()
    {
        _runner.ThenFail("[-32098] create 'of-a': invalid machine name 'of-a'");
        var client = TestClients.Create(_runner, _clock);

        var e = await Assert.ThrowsAsync<OrbCtlException>(() => client.CreateAsync(new CreateMachineRequest("of-a", "rhel")));

        Assert.Equal(OrbCtlErrorKind.InvalidArgument, e.Kind);
        Assert.DoesNotContain(Distros.Hint(), e.Message, StringComparison.Ordinal);
    }
}
