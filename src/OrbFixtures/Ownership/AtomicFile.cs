namespace OrbFixtures.Ownership;

/// <summary>Writes a file so that readers in other processes see either the old or the new content, never half, and
/// so that the new content survives a power loss once the call returns: a temp file (mode 0600) is written and
/// flushed to disk, renamed over the target, and the directory is flushed too.</summary>
internal static class AtomicFile
{
    /// <summary>The prefix of temp files (<c>.NAME.GUID.tmp</c>): a crash between write and rename leaves one behind.</summary>
    public const string TempSuffix = ".tmp";

    public static void WriteAllText(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            UnixFile.FlushDirectory(directory);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
