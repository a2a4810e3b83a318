using System.Runtime.InteropServices;

namespace OrbFixtures.Simulator.Logging;

/// <summary>
/// Appends each line with one <c>write(2)</c> on a descriptor opened with <c>O_APPEND</c>, so lines from many
/// concurrent orbctl processes never interleave or overwrite each other. .NET's <see cref="FileMode.Append"/> only
/// seeks to the end once, which races between processes, hence the direct libc calls.
/// </summary>
internal static partial class AppendOnlyFile
{
    private const int WriteOnly = 1;

    public static void Append(string path, byte[] line)
    {
        // Created through .NET first so that open(2) below never needs its variadic mode argument.
        if (!File.Exists(path))
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
        }

        if (OperatingSystem.IsWindows())
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(line);
            return;
        }

        var append = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 0x8 : 0x400;
        var fd = Open(path, WriteOnly | append);
        if (fd < 0) throw new IOException($"cannot open '{path}' for appending (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            var written = Write(fd, line, line.Length);
            if (written != line.Length)
                throw new IOException($"cannot append to '{path}' (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
