namespace OrbFixtures.Provisioning;

/// <summary>
/// A cross-process exclusive lock: a lock file opened with <see cref="FileShare.None"/> (an OS-level lock on every
/// platform .NET supports). Held for milliseconds around a read-modify-write, so waiting spins briefly on real time.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(5);
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock at <paramref name="path"/>, waiting up to <paramref name="timeout"/>.</summary>
    /// <exception cref="IOException">The lock could not be taken in time.</exception>
    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(s_retryDelay);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
