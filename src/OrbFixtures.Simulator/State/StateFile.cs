using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrbFixtures.Simulator.State;

/// <summary>
/// Reads and writes the state file with <see cref="JsonDocument"/> and <see cref="Utf8JsonWriter"/>. Every orbctl
/// invocation loads the state, and the serializer's metadata set-up (even source-generated) costs more than the rest
/// of a typical invocation, so the format is read and written by hand.
/// </summary>
internal static class StateFile
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true };

    public static StateDocument Parse(string json)
    {
        var document = new StateDocument();
        if (json.Length == 0) return document;
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        var daemon = root.GetProperty("daemon");
        document.Daemon = new DaemonRecord
        {
            ScenarioKey = daemon.GetProperty("scenarioKey").GetString(),
            Status = daemon.GetProperty("status").GetString()!,
            Calls = daemon.GetProperty("calls").GetInt32(),
        };
        document.DefaultMachineId = root.GetProperty("defaultMachineId").GetString();
        document.Machines = root.GetProperty("machines").EnumerateArray().Select(ParseMachine).ToList();
        document.FaultUses = root.GetProperty("faultUses").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        if (root.TryGetProperty("config", out var config))
            document.Config = config.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return document;
    }

    public static string Write(StateDocument document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("daemon");
            json.WriteString("scenarioKey", document.Daemon.ScenarioKey);
            json.WriteString("status", document.Daemon.Status);
            json.WriteNumber("calls", document.Daemon.Calls);
            json.WriteEndObject();
            json.WriteString("defaultMachineId", document.DefaultMachineId);
            json.WriteStartArray("machines");
            foreach (var machine in document.Machines) WriteMachine(json, machine);
            json.WriteEndArray();
            json.WriteStartObject("faultUses");
            foreach (var (key, uses) in document.FaultUses) json.WriteNumber(key, uses);
            json.WriteEndObject();
            json.WriteStartObject("config");
            foreach (var (key, value) in document.Config) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static MachineRecord ParseMachine(JsonElement m) => new()
    {
        Id = m.GetProperty("id").GetString()!,
        Name = m.GetProperty("name").GetString()!,
        Distro = m.GetProperty("distro").GetString()!,
        Version = m.GetProperty("version").GetString()!,
        Arch = m.GetProperty("arch").GetString()!,
        Variant = m.GetProperty("variant").GetString()!,
        DefaultUsername = m.GetProperty("defaultUsername").GetString()!,
        CreatedAt = Time(m.GetProperty("createdAt")),
        Phases = m.GetProperty("phases").EnumerateArray()
            .Select(p => new MachinePhase { State = p.GetProperty("state").GetString()!, Until = Time(p.GetProperty("until")) })
            .ToList(),
        Settled = m.GetProperty("settled").GetString()!,

        // Optional, so a state directory written before machines had settings still loads.
        Settings = m.TryGetProperty("settings", out var settings) ? ParseSettings(settings) : MachineSettings.Unlimited,
        Booted = m.TryGetProperty("booted", out var booted)
            ? booted.ValueKind == JsonValueKind.Null ? null : ParseSettings(booted)
            : MachineSettings.Unlimited,
        PausedUntil = OptionalTime(m, "pausedUntil"),
        CloudInitDoneAt = OptionalTime(m, "cloudInitDoneAt"),
    };

    private static MachineSettings ParseSettings(JsonElement s) => new()
    {
        Cpus = s.GetProperty("cpus").GetInt32(),
        MemoryMib = s.GetProperty("memoryMib").GetInt64(),
        DiskBytes = s.GetProperty("diskBytes").GetInt64(),
        Isolated = s.GetProperty("isolated").GetBoolean(),
        IsolateNetwork = s.GetProperty("isolateNetwork").GetBoolean(),
        ForwardSshAgent = s.GetProperty("forwardSshAgent").GetBoolean(),
        Mounts = s.GetProperty("mounts").GetString()!,
    };

    private static void WriteSettings(Utf8JsonWriter json, string name, MachineSettings? s)
    {
        if (s is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("cpus", s.Cpus);
        json.WriteNumber("memoryMib", s.MemoryMib);
        json.WriteNumber("diskBytes", s.DiskBytes);
        json.WriteBoolean("isolated", s.Isolated);
        json.WriteBoolean("isolateNetwork", s.IsolateNetwork);
        json.WriteBoolean("forwardSshAgent", s.ForwardSshAgent);
        json.WriteString("mounts", s.Mounts);
        json.WriteEndObject();
    }

    private static DateTimeOffset? OptionalTime(JsonElement m, string name) =>
        m.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Time(value) : null;

    private static void WriteMachine(Utf8JsonWriter json, MachineRecord m)
    {
        json.WriteStartObject();
        json.WriteString("id", m.Id);
        json.WriteString("name", m.Name);
        json.WriteString("distro", m.Distro);
        json.WriteString("version", m.Version);
        json.WriteString("arch", m.Arch);
        json.WriteString("variant", m.Variant);
        json.WriteString("defaultUsername", m.DefaultUsername);
        json.WriteString("createdAt", Time(m.CreatedAt));
        json.WriteStartArray("phases");
        foreach (var phase in m.Phases)
        {
            json.WriteStartObject();
            json.WriteString("state", phase.State);
            json.WriteString("until", Time(phase.Until));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("settled", m.Settled);
        WriteSettings(json, "settings", m.Settings);
        WriteSettings(json, "booted", m.Booted);
        if (m.PausedUntil is { } paused) json.WriteString("pausedUntil", Time(paused));
        if (m.CloudInitDoneAt is { } cloudInit) json.WriteString("cloudInitDoneAt", Time(cloudInit));
        json.WriteEndObject();
    }

    /// <summary>Round-trip ("O") timestamps keep full precision, so a state derived from time never shifts.</summary>
    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(JsonElement value) =>
        DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
