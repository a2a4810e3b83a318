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

    /// <summary>Scripted answers of <c>orbctl run</c> (the scenario's <c>run</c> list).</summary>
    public IReadOnlyList<SimRunAnswer> Run { get; init; } = [];

    /// <summary>Pinned machine addresses (the scenario's <c>addresses</c> list).</summary>
    public IReadOnlyList<SimAddress> Addresses { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}

/// <summary>The scenario's <c>durations</c> block, in milliseconds (clone is left at its default: no scenario clones).</summary>
public sealed record SimDurations(int Create, int Provisioning, int Start, int Stop, int Restart, int Delete, int DaemonStart)
{
    public static SimDurations Fast { get; } = new(Create: 20, Provisioning: 20, Start: 20, Stop: 20, Restart: 40, Delete: 10, DaemonStart: 50);
}

/// <summary>The scenario's <c>daemon</c> block: the service's status, and what it becomes after <see cref="AfterCalls"/> invocations.</summary>
public sealed record SimDaemon(string Status, string Then, int AfterCalls);

/// <summary>One scripted <c>run</c> answer: the first entry whose glob, argv and conditions match answers
/// (<see cref="AfterCalls"/>: earlier runs of the argv on the machine; <see cref="AfterMs"/>: time the machine has run),
/// after <see cref="DurationMs"/> of simulated time (a setup step that takes that long).</summary>
public sealed record SimRunAnswer(IReadOnlyList<string> Command, string Stdout = "", int ExitCode = 0)
{
    public string? Machine { get; init; }
    public string? Stderr { get; init; }
    public int? AfterCalls { get; init; }
    public int? AfterMs { get; init; }
    public int? DurationMs { get; init; }
}

/// <summary>One pinned address: running machines whose name matches <see cref="Machine"/> report these IPs.</summary>
public sealed record SimAddress(string Machine, string? Ip4, string? Ip6 = null);
