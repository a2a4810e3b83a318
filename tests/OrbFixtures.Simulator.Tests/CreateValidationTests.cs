using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class CreateValidationTests
{
    [Theory]
    [InlineData("arm64", "i386")]
    [InlineData("amd64", "arm64")]
    public async Task An_architecture_the_host_cannot_run_is_rejected(string hostArch, string arch)
    {
        using var orb = new SimulatedOrbStack($$"""{"hostArch":"{{hostArch}}"}""");

        var outcome = await orb.RunAsync("create", "-a", arch, "ubuntu", "box");

        outcome.ShouldBeUsageError($"invalid architecture: {arch}", ExpectedUsage.Create);
        Assert.Null(await orb.StateAsync("box"));
    }

    [Fact]
    public async Task A_missing_user_data_file_fails_before_anything_is_created()
    {
        using var orb = new SimulatedOrbStack();
        var missing = Path.Combine(orb.Sandbox.Root, "nope.yaml");

        var outcome = await orb.RunAsync("create", "--user-data", missing, "ubuntu", "box");

        outcome.ShouldFailWith($"open {missing}: no such file or directory");
        Assert.Null(await orb.StateAsync("box"));
    }

    [Theory]
    [InlineData("arch", "archlinux")]
    [InlineData("void", "voidlinux")]
    [InlineData("nixos", "nixos")]
    [InlineData("gentoo", "gentoo")]
    public async Task Cloud_init_is_refused_for_distros_without_it(string token, string image)
    {
        using var orb = new SimulatedOrbStack();
        var userData = Path.Combine(orb.Sandbox.Root, "user-data.yaml");
        await File.WriteAllTextAsync(userData, "#cloud-config\n");

        var outcome = await orb.RunAsync("create", "-c", userData, token, "box");

        outcome.ShouldFailWith($"[-32098] create 'box': cloud-init not supported for '{image}'");
    }

    [Fact]
    public async Task Setting_a_password_without_a_terminal_fails_like_the_real_cli()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "-p", "ubuntu", "box");

        outcome.ShouldBe(1, "Password for Linux user: ", "inappropriate ioctl for device\n");
        Assert.Null(await orb.StateAsync("box"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData(".web")]
    [InlineData("my_box")]
    [InlineData("my box")]
    [InlineData("café")]
    [InlineData("default")]
    [InlineData("vm")]
    [InlineData("host")]
    [InlineData("services")]
    [InlineData("gateway")]
    [InlineData("k8s")]
    [InlineData("docker")]
    public async Task An_invalid_or_reserved_name_is_refused_by_the_daemon(string name)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "ubuntu", "--", name);

        outcome.ShouldFailWith($"[-32098] create '{name}': invalid machine name '{name}'");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("web-1")]
    [InlineData("puppet.vagrant.local")]
    [InlineData("Of-Test-01")]
    public async Task Names_with_letters_digits_dashes_and_dots_are_accepted(string name)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "ubuntu", name);

        outcome.ShouldBe(0);
    }

    [Fact]
    public async Task Creating_an_existing_name_says_it_already_exists()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        var outcome = await orb.RunAsync("create", "debian", "box");

        outcome.ShouldFailWith("[-32098] create 'box': machine already exists: 'box'");
        Assert.Equal("ubuntu", (await orb.RecordAsync("box"))!.Value.GetProperty("image").GetProperty("distro").GetString());
    }

    [Theory]
    [InlineData(new[] { "ubuntu:mantic", "box" }, "{ubuntu mantic arm64 default}")]
    [InlineData(new[] { "-a", "amd64", "debian:9", "box" }, "{debian 9 amd64 default}")]
    [InlineData(new[] { "fedora:", "box" }, "{fedora  arm64 default}")]
    public async Task An_unknown_version_is_an_image_not_found(string[] argv, string image)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(["create", .. argv]);

        outcome.ShouldFailWith($"[-32098] create 'box': make rootfs: image not found: {image}");
        Assert.Null(await orb.StateAsync("box"));
    }
}
