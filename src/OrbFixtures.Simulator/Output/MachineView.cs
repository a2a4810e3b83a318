using OrbFixtures.Simulator.Images;
using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Output;

/// <summary>A machine as the CLI shows it at one moment: its derived state, disk usage (unknown while creating) and IPs (running only).</summary>
internal sealed record MachineView(MachineRecord Machine, string State, long? DiskBytes, string? Ip4, string? Ip6)
{
    /// <param name="machine">The machine.</param>
    /// <param name="now">The moment.</param>
    /// <param name="pins">The scenario's pinned addresses: the first whose glob matches replaces the derived IPs.</param>
    public static MachineView Of(MachineRecord machine, DateTimeOffset now, IReadOnlyList<AddressPin>? pins = null)
    {
        var pin = pins?.FirstOrDefault(p => Glob.IsMatch(p.Machine, machine.Name));
        var state = machine.StateAt(now);
        var disk = state == MachineStates.Creating || machine.Builtin ? null : DistroCatalog.ByImageName(machine.Distro)?.DiskBytes;
        var running = state == MachineStates.Running && !machine.Builtin;
        return new MachineView(
            machine, state, disk, running ? pin?.Ip4 ?? MachineAddresses.Ip4(machine.Name) : null,
            running ? pin?.Ip6 ?? MachineAddresses.Ip6(machine.Name) : null);
    }

    public RecordJson ToRecordJson() => new(
        Machine.Id,
        Machine.Name,
        new ImageJson(Machine.Distro, Machine.Version, Machine.Arch, Machine.Variant),
        new ConfigJson(Machine.Settings.Isolated, Machine.Settings.IsolateNetwork, Machine.DefaultUsername),
        Machine.Builtin,
        State);

    public InfoJson ToInfoJson() => new(ToRecordJson(), DiskBytes, Ip4, Ip6);
}
