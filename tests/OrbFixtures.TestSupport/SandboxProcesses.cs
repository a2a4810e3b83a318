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
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if (!IsLiveIn(directory, home)) continue;
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                found.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid}: {commandLine}"));
            }
            catch (IOException) { } // exited while we looked
            catch (UnauthorizedAccessException) { } // not ours, so not the sandbox's
        }
        return found;
    }

    /// <summary>Whether process <paramref name="pid"/> runs and is one of the sandbox's: a PID alone says neither,
    /// since PIDs are reused (pid_max is 32768 here, and a suite starts tens of thousands of processes), so a logged
    /// PID of a killed orbctl may name another test's orbctl a minute later.</summary>
    public static bool IsRunningIn(int pid, string home)
    {
        try
        {
            return IsLiveIn(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}"), home);
        }
        catch (IOException) { return false; } // exited while we looked
        catch (UnauthorizedAccessException) { return false; } // not ours, so not the sandbox's
    }

    private static bool IsLiveIn(string procDirectory, string home)
    {
        var environment = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(procDirectory, "environ"))).Split('\0');
        return environment.Contains("ORBSIM_HOME=" + home, StringComparer.Ordinal)
            && !IsZombie(File.ReadAllText(Path.Combine(procDirectory, "stat")));
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
