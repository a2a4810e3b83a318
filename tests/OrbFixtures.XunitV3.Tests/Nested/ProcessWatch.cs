using System.Diagnostics;
using OrbFixtures.TestSupport;

namespace OrbFixtures.XunitV3.Tests.Nested;

/// <summary>
/// When a process ended, read from <c>/proc</c> (Linux). A killed orbctl writes no end record of its own (SIGKILL
/// cannot be caught), so its end is the moment the kernel shows it gone or a zombie. The watch looks every few
/// milliseconds, so the time it reports is at or after the real end: a bound checked with it is never passed by luck.
/// </summary>
internal static class ProcessWatch
{
    private static readonly TimeSpan s_look = TimeSpan.FromMilliseconds(5);

    /// <summary>Whether <paramref name="pid"/> is a live (not zombie) process.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return !SandboxProcesses.IsZombie(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return false; // gone
        }
    }

    /// <summary>How long after <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) the process was first
    /// seen ended.</summary>
    public static async Task<TimeSpan> EndedAfterAsync(int pid, long since, TimeSpan timeout)
    {
        while (IsAlive(pid))
        {
            if (Stopwatch.GetElapsedTime(since) > timeout) throw new TimeoutException($"pid {pid} still runs {timeout} after the cancel.");
            await Task.Delay(s_look);
        }
        return Stopwatch.GetElapsedTime(since);
    }
}
