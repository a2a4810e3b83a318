using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class PushPullTests
{
    [Fact]
    public async Task A_pushed_file_lands_in_the_users_home()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "-u", "alice");
        var file = Path.Combine(orb.Sandbox.Root, "app.conf");
        await File.WriteAllTextAsync(file, "port=8080\n");

        (await orb.RunAsync("push", "-m", "box", file)).ShouldBe(0);

        (await orb.RunAsync("run", "-m", "box", "cat", "app.conf")).ShouldBe(0, "port=8080\n");
        (await orb.RunAsync("run", "-m", "box", "cat", "/home/alice/app.conf")).ShouldBe(0, "port=8080\n");
    }

    [Fact]
    public async Task Push_can_rename_or_copy_into_a_directory()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "-u", "alice");
        var file = Path.Combine(orb.Sandbox.Root, "a.txt");
        await File.WriteAllTextAsync(file, "A");

        await orb.RunAsync("push", "--machine", "box", file, "renamed.txt");
        await orb.RunAsync("push", "--machine=box", file, "docs/");
        await orb.RunAsync("push", "-m", "box", file, "/tmp/abs.txt");

        (await orb.RunAsync("run", "-m", "box", "cat", "renamed.txt", "docs/a.txt", "/tmp/abs.txt")).ShouldBe(0, "AAA");
    }

    [Fact]
    public async Task Pull_copies_a_machine_file_back_to_the_host()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");
        var destination = Path.Combine(orb.Sandbox.Root, "os-release.txt");

        (await orb.RunAsync("pull", "-m", "box", "/etc/os-release", destination)).ShouldBe(0);

        Assert.Contains("ID=ubuntu\n", await File.ReadAllTextAsync(destination));
    }

    [Fact]
    public async Task A_round_trip_through_the_machine_keeps_the_bytes()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");
        var source = Path.Combine(orb.Sandbox.Root, "blob.bin");
        var back = Directory.CreateDirectory(Path.Combine(orb.Sandbox.Root, "back")).FullName;
        byte[] bytes = [0, 1, 2, 255, 254, 10, 13];
        await File.WriteAllBytesAsync(source, bytes);

        (await orb.RunAsync("push", "-m", "box", source, "stored.bin")).ShouldBe(0);
        (await orb.RunAsync("pull", "-m", "box", "stored.bin", back)).ShouldBe(0);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(back, "stored.bin")));
    }

    [Fact]
    public async Task Missing_sources_are_reported_like_cp()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");
        var missing = Path.Combine(orb.Sandbox.Root, "missing.txt");

        (await orb.RunAsync("push", "-m", "box", missing)).ShouldBe(1, stderr: $"cp: cannot stat '{missing}': No such file or directory\n");
        (await orb.RunAsync("pull", "-m", "box", "nothing.txt", orb.Sandbox.Root))
            .ShouldBe(1, stderr: "cp: cannot stat 'nothing.txt': No such file or directory\n");
    }

    [Fact]
    public async Task Without_machines_push_is_a_daemon_error()
    {
        using var orb = new SimulatedOrbStack();
        var file = Path.Combine(orb.Sandbox.Root, "a.txt");
        await File.WriteAllTextAsync(file, "A");

        (await orb.RunAsync("push", file)).ShouldFailWith("[-32098] no machines found");
    }

    [Fact]
    public async Task Without_m_push_goes_to_the_default_machine()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("main", "ubuntu", "-u", "alice");
        await orb.CreateAsync("other", "ubuntu", "-u", "alice");
        var file = Path.Combine(orb.Sandbox.Root, "a.txt");
        await File.WriteAllTextAsync(file, "A");

        (await orb.RunAsync("push", file)).ShouldBe(0);

        (await orb.RunAsync("run", "-m", "main", "test", "-f", "a.txt")).ShouldBe(0);
        (await orb.RunAsync("run", "-m", "other", "test", "-f", "a.txt")).ShouldBe(1);
    }
}
