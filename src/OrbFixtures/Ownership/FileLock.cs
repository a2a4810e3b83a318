namespace OrbFixtures.Ownership;

/// <summary>
/// A cross-process exclusive lock: a lock file (mode 0600) opened with <see cref="FileShare.None"/>, which .NET maps to
/// an OS-level lock on every platform it supports. The operating system drops the lock when its process dies, so a
/// crashed holder never blocks anyone. <see cref="Acquire"/> is for critical sections of milliseconds (a ledger
/// read-modify-write); <see cref="AcquireAsync"/> for locks held across <c>orbctl</c> calls (a shared machine name).
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_asyncRetryDelay = TimeSpan.FromMilliseconds(50);
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock at <paramref name="path"/>, spinning up to <paramref name="timeout"/>.</summary>
    /// <exception cref="IOException">The lock could not be taken in time.</exception>
    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryAcquire(path) is { } taken) return taken;
            if (DateTime.UtcNow >= deadline) throw Busy(path, timeout);
            Thread.Sleep(s_retryDelay);
        }
    }

    /// <summary>Takes the lock at <paramref name="path"/>, or returns <see langword="null"/> at once when another holds it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            return new FileLock(new FileStream(path, options));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null; // held by another process (or another handle of this one)
        }
    }

    /// <summary>Takes the lock at <paramref name="path"/>, polling on <paramref name="time"/> until
    /// <paramref name="timeout"/> has passed or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="IOException">The lock could not be taken in time.</exception>
    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (TryAcquire(path) is { } taken) return taken;
            if (time.GetElapsedTime(started) >= timeout) throw Busy(path, timeout);
            await Task.Delay(s_asyncRetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stream.Dispose();

    private static IOException Busy(string path, TimeSpan timeout) =>
        new($"The lock '{path}' was held by another process for longer than {timeout.TotalSeconds:0.#} s.");
}
