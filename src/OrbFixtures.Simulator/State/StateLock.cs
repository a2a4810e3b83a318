namespace OrbFixtures.Simulator.State;

/// <summary>
/// The exclusive, cross-process lock around every read-modify-write of the state file. Opening the lock file with
/// <see cref="FileShare.None"/> takes an advisory <c>flock</c> that the kernel drops when a process dies, so a
/// killed orbctl never wedges the others.
/// </summary>
internal static class StateLock
{
    private static readonly TimeSpan s_giveUpAfter = TimeSpan.FromSeconds(30);

    public static IDisposable Acquire(string lockPath)
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
}
