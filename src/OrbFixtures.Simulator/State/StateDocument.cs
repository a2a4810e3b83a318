namespace OrbFixtures.Simulator.State;

/// <summary>The whole persisted world: the service, the machines, the default machine and the fault counters.</summary>
internal sealed class StateDocument
{
    public DaemonRecord Daemon { get; set; } = new();

    public string? DefaultMachineId { get; set; }

    public List<MachineRecord> Machines { get; set; } = [];

    /// <summary>OrbStack-wide settings changed by <c>config set</c> (key → value); absent keys have their defaults.</summary>
    public Dictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often each counted fault has been applied, keyed by <c>FaultRule.Key</c>.</summary>
    public Dictionary<string, int> FaultUses { get; set; } = [];

    public MachineRecord? FindById(string id) => Machines.FirstOrDefault(m => m.Id == id);

    public MachineRecord? FindByName(string name) => Machines.FirstOrDefault(m => m.Name == name);
}
