namespace OrbFixtures.Simulator.State;

/// <summary>A transitional state (creating, starting, …) that lasts until <see cref="Until"/>.</summary>
internal sealed class MachinePhase
{
    public string State { get; set; } = "";

    public DateTimeOffset Until { get; set; }
}
