using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class CloneAndRenameTests
{
    [Fact]
    public async Task A_clone_is_a_stopped_copy_with_a_new_id_and_the_same_files()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("source", "debian", "-u", "alice");
        var file = Path.Combine(orb.Sandbox.Root, "note.txt");
        await File.WriteAllTextAsync(file, "copied\n");
        await orb.RunAsync("push", "-m", "source", file);

        (await orb.RunAsync("clone", "source", "copy")).ShouldBe(0);

        var source = (await orb.RecordAsync("source"))!.Value;
        var copy = (await orb.RecordAsync("copy"))!.Value;
        Assert.Equal("stopped", copy.GetProperty("state").GetString());
        Assert.NotEqual(source.GetProperty("id").GetString(), copy.GetProperty("id").GetString());
        Assert.Equal(source.GetProperty("image").GetRawText(), copy.GetProperty("image").GetRawText());
        Assert.Equal("alice", copy.GetProperty("config").GetProperty("default_username").GetString());
        (await orb.RunAsync("run", "-m", "copy", "cat", "note.txt")).ShouldBe(0, "copied\n");
    }

    [Fact]
    public async Task A_clone_inherits_isolation_and_is_left_stopped_even_from_a_running_source()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("template", "debian", "-u", "deploy", "--isolated", "--isolate-network");

        (await orb.RunAsync("clone", "template", "job-1")).ShouldBe(0);

        var clone = (await orb.RecordAsync("job-1"))!.Value;
        Assert.Equal("stopped", clone.GetProperty("state").GetString());
        Assert.True(clone.GetProperty("config").GetProperty("isolated").GetBoolean());
        Assert.True(clone.GetProperty("config").GetProperty("isolate_network").GetBoolean());
        Assert.Equal("deploy", clone.GetProperty("config").GetProperty("default_username").GetString());
        Assert.Equal("running", await orb.StateAsync("template"));
    }

    [Fact]
    public async Task A_clone_is_creating_for_the_clone_duration()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":0,"provisioning":0,"stop":0,"clone":60000}}""");
        await orb.CreateAsync("template");
        await orb.RunAsync("stop", "template");

        orb.Launch("clone", "template", "job-1");
        await orb.WaitUntilExistsAsync("job-1");

        Assert.Equal("creating", await orb.StateAsync("job-1"));
    }

    [Fact]
    public async Task A_running_source_is_paused_while_it_is_cloned()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":0,"provisioning":0,"clone":2000}}""");
        await orb.CreateAsync("template");
        orb.Launch("clone", "template", "job-1");
        await orb.WaitUntilExistsAsync("job-1");

        (await orb.RunAsync("run", "-m", "template", "true")).ShouldBe(0);

        // The command in the source could only run once the clone had finished.
        Assert.Equal("stopped", await orb.StateAsync("job-1"));
    }

    [Fact]
    public async Task Cloning_onto_an_existing_name_says_it_already_exists()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");

        (await orb.RunAsync("clone", "one", "two")).ShouldFailWith("[-32098] machine already exists: 'two'");
    }

    [Theory]
    [InlineData("x_y")]
    [InlineData("k8s")]
    [InlineData("z")]
    public async Task Clone_and_rename_validate_the_new_name(string name)
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("clone", "box", name)).ShouldFailWith($"[-32098] invalid machine name '{name}'");
        (await orb.RunAsync("rename", "box", name)).ShouldFailWith($"[-32098] invalid machine name '{name}'");
    }

    [Theory]
    [InlineData("clone")]
    [InlineData("rename")]
    public async Task Clone_and_rename_of_a_missing_machine_are_daemon_errors(string command)
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync(command, "ghost", "new-name")).ShouldFailWith("[-32098] machine not found: 'ghost'");
    }

    [Theory]
    [InlineData("clone", "[-32098] cannot clone builtin machine")]
    [InlineData("rename", "[-32098] cannot rename builtin machine")]
    public async Task The_builtin_machine_cannot_be_cloned_or_renamed(string command, string error)
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync(command, "docker", "my-docker")).ShouldFailWith(error);
    }

    [Fact]
    public async Task Rename_keeps_the_id_and_changes_the_hostname()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("old-name");
        var id = (await orb.RecordAsync("old-name"))!.Value.GetProperty("id").GetString();

        (await orb.RunAsync("rename", "old-name", "new-name")).ShouldBe(0);

        Assert.Null(await orb.StateAsync("old-name"));
        Assert.Equal(id, (await orb.RecordAsync("new-name"))!.Value.GetProperty("id").GetString());
        (await orb.RunAsync("run", "-m", "new-name", "hostname")).ShouldBe(0, "new-name\n");
    }

    [Fact]
    public async Task Renaming_onto_an_existing_name_uses_the_quoted_daemon_message()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");

        (await orb.RunAsync("rename", "one", "two")).ShouldFailWith("[-32098] machine '\"two\"' already exists");
    }

    [Fact]
    public async Task Renaming_to_the_same_name_is_a_no_op()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("same");

        (await orb.RunAsync("rename", "same", "same")).ShouldBe(0);
        Assert.Equal("running", await orb.StateAsync("same"));
    }
}
