using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace OrbFixtures.Ownership;

/// <summary>
/// The folder OrbFixtures keeps its state in (<see cref="OrbFixturesOptions.StateDirectory"/>): the ownership ledger,
/// the per-name locks of shared machines, the key of persisted spec hashes, and one private folder per session for
/// secret files (cloud-init user data). Whoever can write here can make OrbFixtures delete machines, so the folder is
/// created 0700, its files 0600, and a folder owned by another user or writable by group or others is refused.
/// </summary>
internal sealed class StateDirectory
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const string OwnerFile = "owner.json";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<byte[]> _specHashKey;

    public StateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Root = Path.GetFullPath(path);
        _specHashKey = new Lazy<byte[]>(ReadOrCreateKey);
    }

    /// <summary>The folder itself.</summary>
    public string Root { get; }

    /// <summary>One <c>NAME.json</c> per machine.</summary>
    public string LedgerDirectory => Path.Combine(Root, "ledger");

    /// <summary>One lock file per shared machine name.</summary>
    public string LocksDirectory => Path.Combine(Root, "locks");

    /// <summary>One private folder per session, for its secret files.</summary>
    public string SessionsDirectory => Path.Combine(Root, "sessions");

    /// <summary>The key of the spec hashes OrbFixtures persists (<see cref="SpecHasher"/>): 32 random bytes in a 0600
    /// file, made on first use.</summary>
    public byte[] SpecHashKey => _specHashKey.Value;

    /// <summary>Creates the folder and its subfolders private (0700), tightens a folder of ours that is more open, and
    /// refuses one that belongs to another user or that group or others may write.</summary>
    /// <exception cref="UnauthorizedAccessException">The folder is not safe to use; the message names it and the fix.</exception>
    public void EnsureSecure()
    {
        foreach (var directory in new[] { Root, LedgerDirectory, LocksDirectory, SessionsDirectory })
            EnsurePrivateDirectory(directory);
    }

    /// <summary>The private folder of <paramref name="owner"/>'s session, created 0700 with an <c>owner.json</c> that
    /// names the session's process, so that a reaper removes the folder only once that process is gone.</summary>
    public string SessionDirectory(SessionOwner owner)
    {
        var directory = Path.Combine(SessionsDirectory, owner.SessionId);
        EnsurePrivateDirectory(SessionsDirectory);
        EnsurePrivateDirectory(directory);
        var ownerFile = Path.Combine(directory, OwnerFile);
        if (!File.Exists(ownerFile)) AtomicFile.WriteAllText(ownerFile, JsonSerializer.Serialize(owner, s_json));
        return directory;
    }

    /// <summary>The session a private folder belongs to, or <see langword="null"/> when its owner file is missing or
    /// not valid.</summary>
    public SessionOwner? SessionFolderOwner(string sessionId)
    {
        var path = Path.Combine(SessionsDirectory, sessionId, OwnerFile);
        try
        {
            if (UnixFile.LStatus(path) is { Kind: not UnixFile.FileKind.Regular } or { Size: > 4096 }) return null;
            return JsonSerializer.Deserialize<SessionOwner>(File.ReadAllText(path), s_json) is { SessionId.Length: > 0, Place: not null } owner
                && owner.SessionId == sessionId ? owner : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }

    /// <summary>Whether a private folder without a valid owner file is old enough to be a leftover, not one being made.</summary>
    public bool SessionFolderIsStale(string sessionId) =>
        DateTime.UtcNow - Directory.GetLastWriteTimeUtc(Path.Combine(SessionsDirectory, sessionId)) > TimeSpan.FromMinutes(10);

    /// <summary>Removes the private folder of <paramref name="sessionId"/> and everything in it.</summary>
    public void RemoveSessionDirectory(string sessionId)
    {
        try { Directory.Delete(Path.Combine(SessionsDirectory, sessionId), recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    /// <summary>The sessions that have a private folder.</summary>
    public IReadOnlyList<string> SessionsWithDirectories() =>
        Directory.Exists(SessionsDirectory) ? [.. Directory.EnumerateDirectories(SessionsDirectory).Select(Path.GetFileName).OfType<string>()] : [];

    /// <summary>The lock file of the shared machine name <paramref name="name"/>.</summary>
    public string NameLockPath(string name) => Path.Combine(LocksDirectory, name + ".lock");

    private static void EnsurePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, Private);
        if (Unsafety(directory) is { } unsafety) throw Unsafe(directory, unsafety.Why, unsafety.Fix);
        if (File.GetUnixFileMode(directory) != Private) File.SetUnixFileMode(directory, Private); // ours, but readable by others: tighten it
    }

    /// <summary>Why the folder (or one of its subfolders) may not be used, with the fix; <see langword="null"/> when it
    /// is safe or does not exist yet. Reads only: nothing is created or tightened.</summary>
    public StateDirectoryProblem? Inspect()
    {
        if (OperatingSystem.IsWindows()) return null;
        foreach (var directory in new[] { Root, LedgerDirectory, LocksDirectory, SessionsDirectory })
        {
            if (UnixFile.LStatus(directory) is null) continue;
            if (Unsafety(directory) is { } unsafety) return new StateDirectoryProblem(directory, unsafety.Why, unsafety.Fix);
        }
        return null;
    }

    /// <summary>The folder's permission bits in octal (<c>0700</c>), or <see langword="null"/> when it does not exist.</summary>
    public string? Mode() =>
        OperatingSystem.IsWindows() || UnixFile.LStatus(Root) is null ? null : Octal(File.GetUnixFileMode(Root));

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static (string Why, string Fix)? Unsafety(string directory)
    {
        var status = UnixFile.LStatus(directory);
        if (status is { Kind: not UnixFile.FileKind.Directory })
            return ($"it is a {Describe(status.Value.Kind)}, not a folder", $"remove it, or set {Key} to another folder");
        if (status is { } s && UnixFile.EffectiveUserId() is { } me && s.OwnerId != me)
            return ($"it belongs to user id {s.OwnerId}, not to this user (id {me})", $"set {Key} to a folder of your own");
        var mode = File.GetUnixFileMode(directory);
        if ((mode & GroupOrOthersWrite) != 0)
            return ($"group or others may write to it (mode {Octal(mode)}), so another user could plant records " +
                "that make OrbFixtures delete machines", $"run `chmod 700 '{directory}'`, or set {Key} to a private folder");
        return null;
    }

    private byte[] ReadOrCreateKey()
    {
        EnsurePrivateDirectory(Root);
        var path = Path.Combine(Root, "spec-hash.key");
        if (File.Exists(path)) return ReadKey(path);
        // Written under a temp name and linked into place, so no reader ever sees a partial key; when processes race,
        // the first link wins and the others read its key. A link fails if the name exists, in one step; a move
        // without overwrite checks first and renames after, so two racers could both think they won.
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N") + AtomicFile.TempSuffix;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(key);
            stream.Flush(flushToDisk: true);
        }
        try
        {
            switch (UnixFile.TryLinkNew(temp, path))
            {
                case true:
                    return key;
                case false:
                    return ReadKey(path);
            }
            try
            {
                File.Move(temp, path, overwrite: false); // no hard links here (Windows): the best .NET offers
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                return ReadKey(path);
            }
        }
        finally
        {
            File.Delete(temp); // the link's other name, or the loser's key; no-op after a move
        }
    }

    private static byte[] ReadKey(string path)
    {
        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new IOException(
            $"The spec-hash key '{path}' is not 32 bytes long; delete it and OrbFixtures makes a new one " +
            "(reusable machines made with the old key are then made anew).");
    }

    private static string Key => OrbFixturesConfiguration.StateDirectoryKey;

    private static UnauthorizedAccessException Unsafe(string directory, string why, string fix) =>
        new($"The OrbFixtures state folder '{directory}' is not safe to use: {why}. Fix: {fix}.");

    private static string Describe(UnixFile.FileKind kind) => kind switch
    {
        UnixFile.FileKind.SymbolicLink => "symbolic link",
        UnixFile.FileKind.Fifo => "FIFO",
        UnixFile.FileKind.Regular => "file",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0').ToString(CultureInfo.InvariantCulture);
}

/// <summary>Why a state folder may not be used.</summary>
/// <param name="Directory">The folder at fault.</param>
/// <param name="Why">What is wrong, as a clause.</param>
/// <param name="Fix">What to do, as a clause.</param>
internal sealed record StateDirectoryProblem(string Directory, string Why, string Fix);
