using System.Runtime.InteropServices;

namespace OrbFixtures.Ownership;

/// <summary>
/// The file facts .NET does not expose: a path's type (regular file, FIFO, link...) and owner without following links
/// or opening it (opening a FIFO blocks), the effective user, and flushing a directory to disk. It calls the runtime's
/// own native shim (<c>libSystem.Native</c>, whose <c>FileStatus</c> layout is the same on Linux and macOS) and libc.
/// Where neither answers (Windows), the checks report "unknown" and callers fall back to what .NET can tell.
/// </summary>
internal static class UnixFile
{
    /// <summary>A path's type and owner.</summary>
    public readonly record struct Status(FileKind Kind, uint OwnerId, UnixFileMode Mode, long Size);

    /// <summary>The file types of <c>st_mode</c> (the shim normalises them across platforms).</summary>
    public enum FileKind { Regular, Directory, SymbolicLink, Fifo, Socket, CharacterDevice, BlockDevice, Unknown }

    /// <summary>The status of <paramref name="path"/> itself (a link is not followed), or <see langword="null"/> when
    /// it does not exist or cannot be read here.</summary>
    public static Status? LStatus(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            if (NativeMethods.SystemNative_LStat(path, out var status) != 0) return null;
            var kind = (status.Mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.SymbolicLink,
                0x1000 => FileKind.Fifo,
                0xC000 => FileKind.Socket,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                _ => FileKind.Unknown,
            };
            return new Status(kind, status.Uid, (UnixFileMode)(status.Mode & 0xFFF), status.Size);
        }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    /// <summary>The effective user id of this process, or <see langword="null"/> where there is none.</summary>
    public static uint? EffectiveUserId()
    {
        if (OperatingSystem.IsWindows()) return null;
        try { return NativeMethods.geteuid(); }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    /// <summary>Flushes a directory's entries to disk, so a rename in it survives a power loss (best effort).</summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            var fd = NativeMethods.open(directory, 0 /* O_RDONLY, the same on Linux and macOS */);
            if (fd < 0) return;
            try { _ = NativeMethods.fsync(fd); }
            finally { _ = NativeMethods.close(fd); }
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    /// <summary>
    /// Makes <paramref name="newPath"/> a hard link to <paramref name="existing"/> unless <paramref name="newPath"/>
    /// exists, in one step (<c>link(2)</c> fails with <c>EEXIST</c> then): <see langword="true"/> when linked,
    /// <see langword="false"/> when the name was taken, <see langword="null"/> where link is not available (Windows, or
    /// a file system without hard links), and the caller falls back to what .NET offers. .NET's
    /// <c>File.Move(..., overwrite: false)</c> checks and renames in two steps, so two processes can both "win".
    /// </summary>
    public static bool? TryLinkNew(string existing, string newPath)
    {
        const int EEXIST = 17; // the same on Linux and macOS
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            if (NativeMethods.link(existing, newPath) == 0) return true;
            return Marshal.GetLastPInvokeError() == EEXIST ? false : null;
        }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    // The runtime's struct FileStatus (src/native/libs/System.Native/pal_io.h); only the leading fields are read, the
    // rest is room (Size).
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SystemNative_LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);

        [DllImport("libc", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint geteuid();

        [DllImport("libc", ExactSpelling = true, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", ExactSpelling = true, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int fsync(int fd);

        [DllImport("libc", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);

        [DllImport("libc", ExactSpelling = true, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
    }
}
