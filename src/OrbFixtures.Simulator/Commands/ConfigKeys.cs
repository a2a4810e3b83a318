using System.Globalization;
using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// The keys of <c>orbctl config</c>: OrbStack-wide ones (orbctl's <c>config_set.go</c>: which can be set, how each
/// value is parsed, which need a restart) and the per-machine <c>machine.NAME.KEY</c> ones of OrbStack 2.2. Values are
/// parsed with Go's strconv, and a bad one is reported with Go's error text, as orbctl does.
/// </summary>
internal static class ConfigKeys
{
    public const string MachinePrefix = "machine.";

    /// <summary>The per-machine keys of 2.2.x (as garm-provider-orbstack and terraform-provider-orbstack set them), sorted.</summary>
    public static readonly IReadOnlyList<string> MachineKeys =
        ["cpu", "disk_bytes", "forward_ssh_agent", "isolate_network", "isolated", "memory_mib", "mounts", "username"];

    private static readonly IReadOnlyList<GlobalKey> s_globalKeys =
    [
        new("app.start_at_login", ValueKind.Bool, _ => "false", Settable: false),
        new("cpu", ValueKind.Cpu, s => s.HostCpus.ToString(CultureInfo.InvariantCulture), RestartNeeded: true),
        new("data_dir", ValueKind.Text, _ => "", RestartNeeded: true),
        new("docker.node_name", ValueKind.Text, _ => "orbstack", RestartNeeded: true),
        new("docker.set_context", ValueKind.Bool, _ => "true"),
        new("k8s.enable", ValueKind.Bool, _ => "false", RestartNeeded: true),
        new("k8s.expose_services", ValueKind.Bool, _ => "false", RestartNeeded: true),
        new("memory_mib", ValueKind.Uint, _ => "8192", RestartNeeded: true),
        new("network.subnet4", ValueKind.Text, _ => "192.168.138.0/23", Settable: false),
        new("network_bridge", ValueKind.Bool, _ => "true"),
        new("network_proxy", ValueKind.Text, _ => "auto"),
        new("power.pause_on_sleep", ValueKind.Bool, _ => "true", Settable: false),
        new("rosetta", ValueKind.Bool, _ => "true", RestartNeeded: true),
        new("setup.use_admin", ValueKind.Bool, _ => "true", RestartNeeded: true),
        new("ssh.expose_port", ValueKind.Bool, _ => "false", RestartNeeded: true),
    ];

    private enum ValueKind
    {
        Bool,
        Uint,
        Cpu,
        Text,
    }

    /// <summary>Every <c>key: value</c> line of <c>config show</c>, sorted as orbctl sorts them.</summary>
    public static IReadOnlyList<string> Show(StateDocument document, SimulationScenario scenario)
    {
        var lines = s_globalKeys.Select(k => $"{k.Name}: {GlobalValue(document, scenario, k)}").ToList();
        foreach (var machine in document.Machines.Where(m => !m.Builtin))
        {
            // orbctl quotes a name with dots, so that the key still splits into machine.NAME.KEY.
            var name = machine.Name.Contains('.', StringComparison.Ordinal) ? $"\"{machine.Name}\"" : machine.Name;
            lines.AddRange(MachineKeys.Select(k => $"{MachinePrefix}{name}.{k}: {MachineValue(machine, k)}"));
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    public static string Get(StateDocument document, SimulationScenario scenario, string key)
    {
        if (MachineKey.Parse(key) is { } machineKey)
        {
            var machine = machineKey.Find(document);
            return MachineKeys.Contains(machineKey.Leaf)
                ? MachineValue(machine, machineKey.Leaf)
                : throw UnknownMachineKey(key);
        }

        return s_globalKeys.FirstOrDefault(k => k.Name == key) is { } global
            ? GlobalValue(document, scenario, global)
            : throw UnknownKey(key);
    }

    /// <summary>Changes one key; returns whether OrbStack must be restarted for it to apply.</summary>
    public static bool Set(StateDocument document, SimulationScenario scenario, string key, string value)
    {
        if (MachineKey.Parse(key) is { } machineKey)
        {
            SetMachineValue(machineKey.Find(document), machineKey.Leaf, key, value, scenario.HostCpus);

            // Machine settings are applied when the machine next boots; orbctl says nothing about it.
            return false;
        }

        if (s_globalKeys.FirstOrDefault(k => k.Name == key && k.Settable) is not { } global) throw UnknownKey(key);
        document.Config[key] = Parse(global.Kind, value, scenario.HostCpus) switch
        {
            bool b => b ? "true" : "false",
            var parsed => Convert.ToString(parsed, CultureInfo.InvariantCulture)!,
        };
        return global.RestartNeeded;
    }

    private static string GlobalValue(StateDocument document, SimulationScenario scenario, GlobalKey key) =>
        document.Config.TryGetValue(key.Name, out var value) ? value : key.Default(scenario);

    private static string MachineValue(MachineRecord machine, string leaf)
    {
        var s = machine.Settings;
        return leaf switch
        {
            "cpu" => s.Cpus.ToString(CultureInfo.InvariantCulture),
            "memory_mib" => s.MemoryMib.ToString(CultureInfo.InvariantCulture),
            "disk_bytes" => s.DiskBytes.ToString(CultureInfo.InvariantCulture),
            "isolated" => Text(s.Isolated),
            "isolate_network" => Text(s.IsolateNetwork),
            "forward_ssh_agent" => Text(s.ForwardSshAgent),
            "mounts" => s.Mounts,
            _ => machine.DefaultUsername,
        };
    }

    private static void SetMachineValue(MachineRecord machine, string leaf, string key, string value, int hostCpus)
    {
        var s = machine.Settings;
        if (leaf == "username")
        {
            machine.DefaultUsername = value;
            return;
        }

        machine.Settings = leaf switch
        {
            "cpu" => s with { Cpus = (int)(ulong)Parse(ValueKind.Cpu, value, hostCpus) },
            "memory_mib" => s with { MemoryMib = (long)Math.Min((ulong)Parse(ValueKind.Uint, value, hostCpus), long.MaxValue) },
            "disk_bytes" => s with { DiskBytes = (long)Math.Min((ulong)Parse(ValueKind.Uint, value, hostCpus), long.MaxValue) },
            "isolated" => s with { Isolated = (bool)Parse(ValueKind.Bool, value, hostCpus) },
            "isolate_network" => s with { IsolateNetwork = (bool)Parse(ValueKind.Bool, value, hostCpus) },
            "forward_ssh_agent" => s with { ForwardSshAgent = (bool)Parse(ValueKind.Bool, value, hostCpus) },
            "mounts" => s with { Mounts = value },
            _ => throw UnknownMachineKey(key),
        };
    }

    private static object Parse(ValueKind kind, string value, int hostCpus)
    {
        switch (kind)
        {
            case ValueKind.Bool:
                return GoStrconv.ParseBool(value) ?? throw new CommandFailedException(GoStrconv.BoolError(value));
            case ValueKind.Uint or ValueKind.Cpu:
                var (number, error) = GoStrconv.ParseUint(value);
                if (error is not null) throw new CommandFailedException(error);
                if (kind == ValueKind.Cpu) ResourceLimits.CheckCpus((long)Math.Min(number, long.MaxValue), hostCpus);
                return number;
            default:
                return value;
        }
    }

    private static string Text(bool value) => value ? "true" : "false";

    private static CommandFailedException UnknownKey(string key) => new($"Unknown configuration key: {key}");

    private static CommandFailedException UnknownMachineKey(string key) => new($"Unknown machine config key: {key}");

    private sealed record GlobalKey(string Name, ValueKind Kind, Func<SimulationScenario, string> Default, bool Settable = true, bool RestartNeeded = false);

    /// <summary><c>machine.NAME.KEY</c> split as orbctl splits it: KEY after the last dot, NAME the rest without quotes.</summary>
    private sealed record MachineKey(string Name, string Leaf)
    {
        public static MachineKey? Parse(string key)
        {
            if (!key.StartsWith(MachinePrefix, StringComparison.Ordinal)) return null;
            var parts = key.Split('.')[1..];
            if (parts.Length < 2) throw new CommandFailedException($"Invalid machine config key: {key}");
            return new MachineKey(string.Join('.', parts[..^1]).Replace("\"", "", StringComparison.Ordinal), parts[^1]);
        }

        /// <summary>The machine by name (orbctl's <c>GetByName</c>: no IDs here).</summary>
        public MachineRecord Find(StateDocument document) =>
            document.FindByName(Name) ?? throw CommandFailedException.MachineNotFound(Name);
    }

    /// <summary>The machine a <c>machine.NAME.KEY</c> key names, for fault globs; null for other keys.</summary>
    public static string? MachineNameOf(string key)
    {
        try
        {
            return MachineKey.Parse(key)?.Name;
        }
        catch (CommandFailedException)
        {
            return null;
        }
    }
}
