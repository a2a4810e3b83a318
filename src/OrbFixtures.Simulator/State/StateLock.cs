using System.Runtime.InteropServices;

namespace OrbFixtures.Simulator.State;

/// <summary>
/// The exclusive, cross-process lock around every read-modify-write of the state file: a blocking <c>flock(2)</c> on
/// a lock file, which the kernel drops when a process dies, so a killed orbctl never wedges the others. Waiters
/// sleep in the kernel until the lock is free; polling for it (a failed open, an exception and a 1 ms sleep per
/// try) made many concurrent orbctl processes spend their CPU on the waiting instead of the work — concurrent
/// calls took longer in total than the same calls one after another. Holders never block inside the lock.
/// </summary>
internal static partial class StateLock
{
    private const int ReadWrite = 2;      // O_RDWR
    private const int LockExclusive = 2;  // LOCK_EX (Linux and macOS)
    private const int Interrupted = 4;    // EINTR (Linux and macOS)
    private static readonly TimeSpan s_giveUpAfter = TimeSpan.FromSeconds(30);

    public static IDisposable Acquire(string lockPath)
    {
        if (OperatingSystem.IsWindows()) return AcquireByPolling(lockPath);
        CreateIfMissing(lockPath);
        var fd = Open(lockPath, ReadWrite);
        if (fd < 0) throw new IOException($"cannot open the state lock '{lockPath}' (errno {Marshal.GetLastPInvokeError()})");
        while (Flock(fd, LockExclusive) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted) continue;
            _ = Close(fd);
            throw new IOException($"cannot lock the state lock '{lockPath}' (errno {errno})");
        }
        return new Held(fd);
    }

    // Created through .NET so that open(2) never needs its variadic mode argument. .NET takes its own non-blocking
    // advisory lock while opening, which fails if another process holds ours: then the file exists, which is all we need.
    private static void CreateIfMissing(string lockPath)
    {
        if (File.Exists(lockPath)) return;
        try
        {
            using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
        }
        catch (IOException) when (File.Exists(lockPath))
        {
        }
    }

    private static FileStream AcquireByPolling(string lockPath)
    {
        var deadline = Environment.TickCount64 + (long)s_giveUpAfter.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e is not DirectoryNotFoundException && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(1);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Closing the descriptor releases the lock.</summary>
    private sealed class Held(int fd) : IDisposable
    {
        private int _fd = fd;

        public void Dispose()
        {
            var fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0) _ = Close(fd);
        }
    }
}
