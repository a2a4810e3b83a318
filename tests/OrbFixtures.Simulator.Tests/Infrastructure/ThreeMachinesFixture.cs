namespace OrbFixtures.Simulator.Tests.Infrastructure;

/// <summary>
/// Three machines for read-only list tests: <c>alpha</c> (ubuntu, running), <c>beta</c> (debian amd64, stopped) and
/// <c>a-much-longer-name</c> (alpine, running), which makes the text columns visibly aligned.
/// </summary>
public sealed class ThreeMachinesFixture : IAsyncLifetime
{
    internal SimulatedOrbStack Orb { get; } = new();

    public async Task InitializeAsync()
    {
        await Orb.CreateAsync("beta", "debian", "-a", "amd64", "-u", "bob");
        await Orb.CreateAsync("alpha", "ubuntu", "-u", "alice");
        await Orb.CreateAsync("a-much-longer-name", "alpine");
        await Orb.RunAsync("stop", "beta");
    }

    public Task DisposeAsync()
    {
        Orb.Dispose();
        return Task.CompletedTask;
    }
}
