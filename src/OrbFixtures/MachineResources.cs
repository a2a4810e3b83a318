using System.Globalization;

namespace OrbFixtures;

/// <summary>
/// What OrbStack 2.2 limits per machine, and its isolation: given to <c>orbctl create</c> as flags and, for a clone, set
/// with <c>orbctl config set machine.NAME.KEY</c> before its first start. <see langword="null"/> (or
/// <see langword="false"/>) leaves OrbStack's default, so a spec without resources produces the same argv as before.
/// One type for <see cref="MachineSpec"/> and <see cref="MachineTemplate"/>, so both validate and map them the same way.
/// </summary>
/// <param name="Cpus">CPU limit (<c>--cpus</c>, <c>machine.NAME.cpu</c>).</param>
/// <param name="MemoryMib">Memory limit in MiB (<c>--memory NM</c>, <c>machine.NAME.memory_mib</c>).</param>
/// <param name="DiskGib">Disk limit in GiB (<c>--disk NG</c>, <c>machine.NAME.disk_bytes</c>).</param>
/// <param name="Isolated">An isolated machine (<c>--isolated</c>): no host file sharing, no host commands.</param>
/// <param name="IsolateNetwork">Also without host network access (<c>--isolate-network</c>).</param>
internal sealed record MachineResources(int? Cpus = null, int? MemoryMib = null, int? DiskGib = null, bool Isolated = false,
    bool IsolateNetwork = false)
{
    public static readonly MachineResources Default = new();

    private const long BytesPerGib = 1024L * 1024 * 1024;

    /// <summary>All <c>create</c> flags (resources, then isolation).</summary>
    public IReadOnlyList<string> CreateArguments()
    {
        var argv = new List<string>();
        if (Cpus is { } cpus) argv.AddRange(["--cpus", Invariant(cpus)]);
        if (MemoryMib is { } memory) argv.AddRange(["--memory", Invariant(memory) + "M"]);
        if (DiskGib is { } disk) argv.AddRange(["--disk", Invariant(disk) + "G"]);
        if (Isolated || IsolateNetwork) argv.Add("--isolated");
        if (IsolateNetwork) argv.Add("--isolate-network");
        return argv;
    }

    /// <summary>The <c>machine.NAME.*</c> settings that make a clone of a machine with <paramref name="inherited"/>
    /// resources into one with these: only what differs (a clone inherits the rest from its template).</summary>
    public IReadOnlyList<MachineSetting> SettingsOver(MachineResources inherited)
    {
        var settings = new List<MachineSetting>();
        if (Cpus is { } cpus && cpus != inherited.Cpus) settings.Add(new(MachineConfigKey.Cpu, Invariant(cpus)));
        if (MemoryMib is { } memory && memory != inherited.MemoryMib) settings.Add(new(MachineConfigKey.MemoryMib, Invariant(memory)));
        if (DiskGib is { } disk && disk != inherited.DiskGib) settings.Add(new(MachineConfigKey.DiskBytes, Invariant(disk * BytesPerGib)));
        var isolated = Isolated || IsolateNetwork;
        if (isolated != (inherited.Isolated || inherited.IsolateNetwork)) settings.Add(new(MachineConfigKey.Isolated, isolated ? "true" : "false"));
        if (IsolateNetwork != inherited.IsolateNetwork) settings.Add(new(MachineConfigKey.IsolateNetwork, IsolateNetwork ? "true" : "false"));
        return settings;
    }

    /// <summary>What shapes the machine, as text for hashes; empty for the defaults, so that hashes of specs without
    /// resources stay what they were.</summary>
    public string Canonical() => this == Default
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"cpus={Cpus};memory_mib={MemoryMib};disk_gib={DiskGib};isolated={Isolated};isolate_network={IsolateNetwork}");

    /// <summary>E.g. <c>2 CPUs, 4096 MiB, 64 GiB disk, isolated network</c>; empty for the defaults.</summary>
    public override string ToString() => string.Join(", ", new[]
    {
        Cpus is { } c ? Invariant(c) + (c == 1 ? " CPU" : " CPUs") : null,
        MemoryMib is { } m ? Invariant(m) + " MiB" : null,
        DiskGib is { } d ? Invariant(d) + " GiB disk" : null,
        IsolateNetwork ? "isolated network" : Isolated ? "isolated" : null,
    }.Where(p => p is not null));

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A per-machine key of <c>orbctl config set machine.NAME.KEY</c> (OrbStack 2.2).</summary>
internal enum MachineConfigKey
{
    Cpu,
    MemoryMib,
    DiskBytes,
    Isolated,
    IsolateNetwork,
}

/// <summary>One per-machine setting: <c>machine.NAME.KEY VALUE</c>.</summary>
internal sealed record MachineSetting(MachineConfigKey Key, string Value)
{
    /// <summary>The key as orbctl spells it after <c>machine.NAME.</c>.</summary>
    public string KeyText => Key switch
    {
        MachineConfigKey.Cpu => "cpu",
        MachineConfigKey.MemoryMib => "memory_mib",
        MachineConfigKey.DiskBytes => "disk_bytes",
        MachineConfigKey.Isolated => "isolated",
        _ => "isolate_network",
    };
}
