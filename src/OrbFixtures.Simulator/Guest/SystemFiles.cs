using System.Globalization;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Guest;

/// <summary>
/// The files the simulator generates in every guest (they cannot be written): <c>/etc/os-release</c>,
/// <c>/etc/hostname</c>, and the root cgroup's <c>cpu.max</c> and <c>memory.max</c>, which is where OrbStack enforces a
/// machine's limits (a probe against 2.2.3 found them there; <c>nproc</c> and <c>/proc/meminfo</c> show the whole VM).
/// A machine that is not isolated also has the Mac's files at <c>/mnt/mac</c>.
/// </summary>
internal sealed class SystemFiles
{
    /// <summary>cgroup v2's default CPU period, in microseconds.</summary>
    private const long CpuPeriod = 100_000;

    private readonly HashSet<string> _directories;

    private SystemFiles(IReadOnlyDictionary<string, string> files, IEnumerable<string> directories)
    {
        Files = files;
        _directories = new HashSet<string>(directories, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>The files of a machine that booted with <paramref name="booted"/> (null: a clone that never booted, no limits yet).</summary>
    public static SystemFiles For(string machineName, string osRelease, MachineSettings? booted)
    {
        var limits = booted ?? MachineSettings.Unlimited;
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/etc/os-release"] = osRelease,
            ["/usr/lib/os-release"] = osRelease,
            ["/etc/hostname"] = machineName + "\n",
            ["/sys/fs/cgroup/cpu.max"] = (limits.Cpus > 0 ? Number(limits.Cpus * CpuPeriod) : "max") + " " + Number(CpuPeriod) + "\n",
            ["/sys/fs/cgroup/memory.max"] = (limits.MemoryMib > 0 ? Number(limits.MemoryMib * 1024 * 1024) : "max") + "\n",
        };
        string[] directories = limits.Isolated ? [] : ["/mnt", "/mnt/mac"];
        return new SystemFiles(files, files.Keys.SelectMany(Ancestors).Concat(directories));
    }

    public bool IsDirectory(string guestPath) => _directories.Contains(guestPath);

    /// <summary>The generated files and directories directly inside <paramref name="directory"/>.</summary>
    public IEnumerable<string> EntriesOf(string directory) =>
        Files.Keys.Concat(_directories)
            .Where(p => p != "/" && Parent(p) == directory)
            .Select(p => p[(p.LastIndexOf('/') + 1)..]);

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var parent = Parent(path); parent != "/"; parent = Parent(parent)) yield return parent;
    }

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : "/";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
