using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrbFixtures.TestSupport;

/// <summary>A simulator scenario file (src/OrbFixtures.Simulator/README.md, "Scenario file").</summary>
public sealed record SimScenario
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Lifecycle durations in milliseconds; short by default, so a suite of hundreds of lifecycles stays fast.</summary>
    public SimDurations Durations { get; init; } = SimDurations.Fast;

    /// <summary>The simulated OrbStack service; <see langword="null"/> for always running.</summary>
    public SimDaemon? Daemon { get; init; }

    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}

/// <summary>The scenario's <c>durations</c> block, in milliseconds (clone is left at its default: no scenario clones).</summary>
public sealed record SimDurations(int Create, int Provisioning, int Start, int Stop, int Restart, int Delete, int DaemonStart)
{
    public static SimDurations Fast { get; } = new(Create: 20, Provisioning: 20, Start: 20, Stop: 20, Restart: 40, Delete: 10, DaemonStart: 50);
}

/// <summary>The scenario's <c>daemon</c> block: the service's status, and what it becomes after <see cref="AfterCalls"/> invocations.</summary>
public sealed record SimDaemon(string Status, string Then, int AfterCalls);
