using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// Machines of a world that are not the scenario's sessions' to touch: made by hand with the simulator (a user's
/// <c>orbctl create</c>), or left by a session whose record no longer proves anything. Each must end as it was first
/// seen: present, same ULID, same state.
/// </summary>
internal sealed class Bystanders(SimulatedWorld world)
{
    private readonly object _gate = new();
    private readonly List<SimMachine> _seen = [];

    public IReadOnlyList<string> Names
    {
        get { lock (_gate) return _seen.Select(m => m.Name).ToList(); }
    }

    /// <summary>Makes a machine by hand (<c>orbctl create IMAGE NAME</c>, as a user would) and remembers it as it is.</summary>
    public async Task<SimMachine> MakeAsync(string image, string name)
    {
        var created = await world.Sandbox.RunAsync("create", image, name);
        if (created.ExitCode != 0)
            throw new InvalidOperationException($"Could not make '{name}' by hand (orbctl create {image} {name}): {created.StandardError.Trim()}");
        return await RememberAsync(name);
    }

    /// <summary>Remembers an existing machine as it is now.</summary>
    public async Task<SimMachine> RememberAsync(string name)
    {
        var machine = await world.FindAsync(name) ?? throw new InvalidOperationException($"There is no machine '{name}' to remember.");
        lock (_gate) _seen.Add(machine);
        return machine;
    }

    /// <summary>What happened to each of them; empty when all are as first seen.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync()
    {
        List<SimMachine> seen;
        lock (_gate) seen = [.. _seen];
        var now = (await world.ListAsync()).ToDictionary(m => m.Name);
        return seen
            .Select(m => !now.TryGetValue(m.Name, out var current) ? $"{m} is gone"
                : current != m ? $"{m} is now {current}"
                : null)
            .OfType<string>()
            .ToList();
    }
}
