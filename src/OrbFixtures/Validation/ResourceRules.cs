using System.Globalization;

namespace OrbFixtures.Validation;

/// <summary>
/// The rules for a machine's resources, with OrbStack's own limits and texts where it has them (reference/orbctl.md
/// §2.17: "CPU limit must be at least 1", "CPU limit cannot exceed number of cores"). The host's cores are this
/// process's: OrbStack runs on the machine that runs the tests. Checked for a spec and a template before any process
/// starts, and again by the client for a request.
/// </summary>
internal static class ResourceRules
{
    /// <summary>Memory limit in MiB: below 128 MiB no distro boots; 1 TiB is far above any Mac's memory.</summary>
    public static IntegerRange MemoryMib { get; } = new(128, 1024 * 1024);

    /// <summary>Disk limit in GiB: from 1 GiB to 64 TiB.</summary>
    public static IntegerRange DiskGib { get; } = new(1, 64 * 1024);

    /// <summary>Why <paramref name="resources"/> cannot be given to orbctl, or <see langword="null"/>; the phrase names
    /// <paramref name="owner"/> (e.g. <c>machine 'db'</c>), the value and the rule.</summary>
    public static string? Problem(MachineResources resources, string owner, int hostCores)
    {
        if (resources.Cpus is { } cpus)
        {
            if (cpus < 1) return Invariant($"CPUs {cpus} of {owner} is invalid: CPU limit must be at least 1");
            if (cpus > hostCores)
                return Invariant($"CPUs {cpus} of {owner} is invalid: CPU limit cannot exceed number of cores ({hostCores} on this host)");
        }
        if (resources.MemoryMib is { } memory && !MemoryMib.Contains(memory))
            return Invariant($"Memory {memory} MiB of {owner} is invalid: it must be a whole number of MiB {MemoryMib} (e.g. 4096 for 4 GiB)");
        if (resources.DiskGib is { } disk && !DiskGib.Contains(disk))
            return Invariant($"Disk {disk} GiB of {owner} is invalid: it must be a whole number of GiB {DiskGib}");
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
