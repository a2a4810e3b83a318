namespace OrbFixtures.Simulator.Scenario;

/// <summary>Simulated operation durations, in milliseconds. The defaults are short so tests stay fast.</summary>
internal sealed class Durations
{
    public int Create { get; init; } = 150;
    public int Provisioning { get; init; } = 100;
    public int Start { get; init; } = 50;
    public int Stop { get; init; } = 50;
    public int Restart { get; init; } = 100;
    public int Delete { get; init; } = 20;
    public int Clone { get; init; } = 50;
    public int DaemonStart { get; init; } = 100;
}
