using System.Runtime.InteropServices;

namespace OrbFixtures.Ownership;

/// <summary>
/// Where a process runs, as far as its liveness can be known: the host and the PID namespace. A process id means
/// something only on its own host and in its own PID namespace (a container sharing the state directory, or
/// <c>unshare --pid</c>, has a pid 1 of its own), so only records of this place are ever judged dead.
/// </summary>
/// <param name="HostId">A stable id of the host: <c>/etc/machine-id</c> on Linux, the host UUID on macOS.</param>
/// <param name="HostName">The host's name, for people reading the ledger.</param>
/// <param name="PidNamespace">The PID namespace (<c>pid:[4026531836]</c>) on Linux; empty elsewhere.</param>
internal sealed record ProcessPlace(string HostId, string HostName, string PidNamespace)
{
    /// <summary>Whether processes of <paramref name="other"/> can be seen from here (same host and PID namespace). The
    /// host name is left out: it changes with the network on a laptop.</summary>
    public bool Sees(ProcessPlace other) =>
        string.Equals(HostId, other.HostId, StringComparison.Ordinal) && string.Equals(PidNamespace, other.PidNamespace, StringComparison.Ordinal);

    /// <summary>This process's place.</summary>
    public static ProcessPlace OfThisProcess() => new(HostIdentity(), Environment.MachineName, PidNamespaceOfThisProcess());

    public override string ToString() => PidNamespace.Length == 0 ? HostName : $"{HostName} ({PidNamespace})";

    private static string HostIdentity()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var file in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
            {
                try
                {
                    if (File.ReadAllText(file).Trim() is { Length: > 0 } id) return "machine-id:" + id;
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        if (OperatingSystem.IsMacOS() && MacHostUuid() is { } uuid) return "host-uuid:" + uuid;
        return "hostname:" + Environment.MachineName;
    }

    private static string PidNamespaceOfThisProcess()
    {
        if (!OperatingSystem.IsLinux()) return "";
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget ?? "";
        }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static string? MacHostUuid()
    {
        var uuid = new byte[16];
        var wait = new TimeSpec { Seconds = 1 };
        try
        {
            return NativeMethods.gethostuuid(uuid, ref wait) == 0 ? new Guid(uuid, bigEndian: true).ToString() : null;
        }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        // macOS: the hardware UUID of the host, stable across reboots and network changes.
        [DllImport("libc", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int gethostuuid(byte[] id, ref TimeSpec wait);
    }
}
