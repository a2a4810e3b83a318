using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace OrbFixtures.Ownership;

/// <summary>Process liveness from the operating system.</summary>
internal sealed class SystemProcessLiveness : IProcessLiveness
{
    // Start times are derived from boot time and clock ticks; two readers may differ by a few milliseconds.
    private static readonly TimeSpan s_startTimeTolerance = TimeSpan.FromSeconds(1);

    public static SystemProcessLiveness Instance { get; } = new();

    private SystemProcessLiveness()
    {
        using var self = Process.GetCurrentProcess();
        Current = new ProcessIdentity(self.Id, new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero));
        Place = ProcessPlace.OfThisProcess();
    }

    public ProcessIdentity Current { get; }

    public ProcessPlace Place { get; }

    public bool IsAlive(ProcessIdentity owner)
    {
        if (owner.Pid == Current.Pid) return owner.StartTime == Current.StartTime || Close(owner.StartTime, Current.StartTime);
        if (IsLinuxZombie(owner.Pid)) return false;
        try
        {
            using var process = Process.GetProcessById(owner.Pid);
            if (process.HasExited) return false;
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return Close(started, owner.StartTime);
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; } // exited while we looked
        catch (Win32Exception) { return true; } // exists but is not ours to inspect: never reap what might be alive
        catch (NotSupportedException) { return true; }
    }

    private static bool Close(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() <= s_startTimeTolerance;

    // A SIGKILLed process whose parent has not reaped it yet still has a pid; it will never run again.
    private static bool IsLinuxZombie(int pid)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
