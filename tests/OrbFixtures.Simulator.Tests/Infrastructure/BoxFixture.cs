namespace OrbFixtures.Simulator.Tests.Infrastructure;

/// <summary>
/// One simulated OrbStack with a running ubuntu machine <c>box</c> (default user <c>alice</c>), shared by the tests of
/// a class that only read from it. Creating it once keeps the many small theory cases cheap.
/// </summary>
public sealed class BoxFixture : IAsyncLifetime
{
    internal SimulatedOrbStack Orb { get; } = new();

    public Task InitializeAsync() => Orb.CreateAsync("box", "ubuntu", "-u", "alice");

    public Task DisposeAsync()
    {
        Orb.Dispose();
        return Task.CompletedTask;
    }
}
