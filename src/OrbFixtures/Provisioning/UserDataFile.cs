namespace OrbFixtures.Provisioning;

/// <summary>
/// The cloud-init user data of one create as a file orbctl can read (<c>-c PATH</c>). Text user data is a secret: it goes
/// to a fresh 0600 file in the session's private 0700 folder under the state directory (never the shared temp folder),
/// and is deleted as soon as the create has read it (the machine appeared) or ended, whichever is first. If the process
/// dies first, the reaper removes the folder with its session. A user-given file is passed through untouched.
/// </summary>
internal sealed class UserDataFile : IDisposable
{
    private readonly bool _owned;

    private UserDataFile(string? path, bool owned)
    {
        Path = path;
        _owned = owned;
    }

    /// <summary>The path for <c>-c</c>, or <see langword="null"/> when the spec has no user data.</summary>
    public string? Path { get; }

    /// <param name="spec">The spec whose user data it holds.</param>
    /// <param name="sessionDirectory">Makes (and returns) the session's private folder.</param>
    public static UserDataFile For(MachineSpec spec, Func<string> sessionDirectory)
    {
        if (spec.UserData is null) return new UserDataFile(spec.UserDataFile, owned: false);
        var path = System.IO.Path.Combine(sessionDirectory(), $"user-data-{Guid.NewGuid():N}.yaml");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
            writer.Write(spec.UserData);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return new UserDataFile(path, owned: true);
    }

    /// <summary>Deletes the file when it is ours (any number of times).</summary>
    public void Dispose()
    {
        if (_owned && Path is not null) File.Delete(Path);
    }
}
