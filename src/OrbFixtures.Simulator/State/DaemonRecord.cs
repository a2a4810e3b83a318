namespace OrbFixtures.Simulator.State;

/// <summary>The persisted status of the simulated OrbStack service and the invocation count that drives its switch.</summary>
internal sealed class DaemonRecord
{
    /// <summary>The scenario's <c>daemon</c> block this record was initialised from; a new block resets it.</summary>
    public string? ScenarioKey { get; set; }

    public string Status { get; set; } = "Running";

    public int Calls { get; set; }
}
