using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Eight_parallel_creates_of_distinct_names_all_land()
    {
        using var orb = new SimulatedOrbStack(scenarioJson: null);
        var names = Enumerable.Range(1, 8).Select(i => $"node-{i}").ToList();

        var outcomes = await Task.WhenAll(names.Select(n => orb.RunAsync("create", "alpine", n)));

        Assert.All(outcomes, o => o.ShouldBe(0));
        (await orb.RunAsync("list", "-q", "-r")).ShouldBe(0, string.Concat(names.Order(StringComparer.Ordinal).Select(n => n + "\n")));
        Assert.True(orb.Sandbox.MaxConcurrent("create") > 1, "the creates should have overlapped");
        Assert.Equal(8, orb.Sandbox.ReadLog().Count(i => i.Command == "create" && i.ExitCode == 0));
    }

    [Fact]
    public async Task Two_parallel_creates_of_one_name_have_one_winner()
    {
        using var orb = new SimulatedOrbStack(scenarioJson: null);

        var outcomes = await Task.WhenAll(orb.RunAsync("create", "ubuntu", "shared"), orb.RunAsync("create", "debian", "shared"));

        Assert.Single(outcomes, o => o.ExitCode == 0 && o.StandardError == "");
        Assert.Single(outcomes, o => o.ExitCode == 1 && o.StandardError == "[-32098] create 'shared': machine already exists: 'shared'\n");
        (await orb.RunAsync("list", "-q")).ShouldBe(0, "shared\n");
    }

    [Fact]
    public async Task Parallel_mixed_operations_keep_the_state_consistent()
    {
        using var orb = new SimulatedOrbStack();
        var names = Enumerable.Range(1, 6).Select(i => $"m{i}").ToList();
        await Task.WhenAll(names.Select(n => orb.RunAsync("create", "alpine", n)));

        var outcomes = await Task.WhenAll(
            orb.RunAsync("delete", "-f", "m1"),
            orb.RunAsync("stop", "m2"),
            orb.RunAsync("rename", "m3", "renamed"),
            orb.RunAsync("clone", "m4", "m4-copy"),
            orb.RunAsync("list", "-f", "json"),
            orb.RunAsync("info", "m5"));

        Assert.All(outcomes, o => Assert.Equal(0, o.ExitCode));
        (await orb.RunAsync("list", "-q")).ShouldBe(0, "m2\nm4\nm4-copy\nm5\nm6\nrenamed\n");
        Assert.Equal("stopped", await orb.StateAsync("m2"));
    }
}
