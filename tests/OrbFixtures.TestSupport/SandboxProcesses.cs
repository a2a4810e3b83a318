using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrbFixtures.TestSupport;

/// <summary>
/// The live orbctl processes of one simulator sandbox, found in /proc: every process whose environment sets
/// ORBSIM_HOME to the sandbox's home. Only orbctl processes carry that variable (the tests and the child sessions pass
/// it to orbctl explicitly and never set it on themselves). Zombies do not count: they can never run again.
/// </summary>
public static class SandboxProcesses
{
    public static IReadOnlyList<string> Find(string home)
    {
        var marker = "ORBSIM_HOME=" + home;
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var environment = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "environ"))).Split('\0');
                if (!environment.Contains(marker, StringComparer.Ordinal) || IsZombie(File.ReadAllText(Path.Combine(directory, "stat")))) continue;
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                found.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid}: {commandLine}"));
            }
            catch (IOException) { } // exited while we looked
            catch (UnauthorizedAccessException) { } // not ours, so not the sandbox's
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="grace"/> for the sandbox's processes to be gone (a process killed a moment
    /// ago may still be exiting); returns those still alive.</summary>
    public static async Task<IReadOnlyList<string>> SurvivorsAsync(string home, TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        while (true)
        {
            var alive = Find(home);
            if (alive.Count == 0 || DateTime.UtcNow >= deadline) return alive;
            await Task.Delay(100);
        }
    }

    /// <summary>Kills what is left (test hygiene after the assertions, so a failing test does not leak processes).</summary>
    public static void KillAll(string home)
    {
        foreach (var line in Find(home))
        {
            var pid = int.Parse(line.AsSpan(4, line.IndexOf(':', StringComparison.Ordinal) - 4), CultureInfo.InvariantCulture);
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
    }

    /// <summary>Whether a process whose /proc/PID/stat reads <paramref name="stat"/> is a zombie (or dead): one that
    /// exited and only waits to be reaped by its parent.</summary>
    public static bool IsZombie(string stat)
    {
        var afterName = stat.LastIndexOf(')');
        return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
    }
}
