using System.Diagnostics;
using System.Text;

namespace OrbFixtures.OrbCtl;

/// <summary>
/// Marks one <c>orbctl</c> process and everything it starts with a unique environment variable, so that a timeout
/// can kill all of them — also a double-forked descendant that left the process tree, which
/// <c>Process.Kill(entireProcessTree: true)</c> (what CliWrap does) cannot see.
/// </summary>
/// <remarks>
/// Why a tag rather than a process group: .NET's <c>Process</c> cannot start a child in a new process group or session
/// (no <c>setsid</c>/<c>setpgid</c> hook between fork and exec), and a descendant may call <c>setsid</c> itself and leave
/// any group. An inherited environment variable survives forks, re-parenting and new sessions; on Linux every process
/// exposes its initial environment in <c>/proc/PID/environ</c>, readable for our own processes only, so the scan can
/// only ever find (and kill) processes this user started from this <c>orbctl</c>. The tag is a fresh GUID per
/// process, so nothing that is not ours matches. Where there is no <c>/proc</c> (macOS) the tree kill is the fallback:
/// it reaches every descendant still in the tree, not a double-forked one. A descendant that clears its environment
/// escapes both; that is documented, not defended against.
/// </remarks>
internal static class ProcessTag
{
    /// <summary>The environment variable carrying the tag.</summary>
    public const string VariableName = "ORBFIXTURES_PROCESS_TAG";

    // Descendants may fork while we kill; a few rounds catch children started by a process in its last moments.
    private const int KillRounds = 5;

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Kills every live process whose environment carries <paramref name="tag"/> (Linux; a no-op elsewhere).
    /// Returns how many kills were sent.</summary>
    public static int KillAll(string tag)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var needle = Encoding.UTF8.GetBytes($"{VariableName}={tag}\0");
        var killed = 0;
        for (var round = 0; round < KillRounds; round++)
        {
            var found = Tagged(needle);
            if (found.Count == 0) break;
            foreach (var pid in found) killed += Kill(pid) ? 1 : 0;
        }
        return killed;
    }

    private static List<int> Tagged(byte[] needle)
    {
        var pids = new List<int>();
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self) continue;
            try
            {
                if (IsZombie(dir)) continue; // already dead; its parent reaps it
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) >= 0) pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile, or another user's process: not ours either way.
            }
        }
        return pids;
    }

    private static bool IsZombie(string procDirectory)
    {
        var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
        var state = stat.LastIndexOf(')') + 2;
        return state < stat.Length && stat[state] is 'Z' or 'X';
    }

    private static bool Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // exited between the scan and the kill
        }
    }
}
