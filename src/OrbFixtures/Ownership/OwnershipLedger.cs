using System.Text.Json;
using System.Text.Json.Serialization;
using OrbFixtures.Validation;

namespace OrbFixtures.Ownership;

/// <summary>
/// The machines sessions created or lease, on disk under the state directory: one JSON file per machine name, written
/// atomically and durably (<see cref="AtomicFile"/>), so concurrent test processes never see a torn record.
/// Read-modify-write sequences that may race between processes take the ledger's lock file, and
/// <see cref="UpdateIfUnchanged"/> / <see cref="RemoveIfUnchanged"/> act only on a record nobody changed since it was read.
/// The ledger distrusts its files: only regular files are read, never a link, a FIFO or a device; a file that is not a
/// valid record of this format (not JSON, missing fields, a name that differs from its file name or is not a machine
/// name) is skipped and reported as a <see cref="LedgerProblem"/>, never acted on and never deleted.
/// </summary>
internal sealed class OwnershipLedger
{
    /// <summary>Larger files are not records (a record is well under 4 KiB).</summary>
    public const int MaxRecordBytes = 64 * 1024;

    private const string Extension = ".json";

    // A temp file older than this was left by a writer that died between write and rename.
    private static readonly TimeSpan s_staleTemp = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public OwnershipLedger(string stateDirectory)
        : this(new StateDirectory(stateDirectory))
    {
    }

    public OwnershipLedger(StateDirectory state)
    {
        State = state;
        Directory = state.LedgerDirectory;
    }

    /// <summary>The state directory the ledger lives in.</summary>
    public StateDirectory State { get; }

    /// <summary>The folder holding one <c>NAME.json</c> per machine.</summary>
    public string Directory { get; }

    /// <summary>Takes the ledger-wide lock (cross-process) for a read-modify-write of milliseconds.</summary>
    public FileLock Lock()
    {
        // Stryker disable once Statement : equivalent: FileLock.TryAcquire creates the lock file's folder itself.
        System.IO.Directory.CreateDirectory(Directory);
        return FileLock.Acquire(Path.Combine(Directory, ".lock"), TimeSpan.FromSeconds(30));
    }

    /// <summary>The record for <paramref name="name"/>, or <see langword="null"/> when there is none or its file is
    /// not a valid record (which proves nothing).</summary>
    public LedgerRecord? Read(string name) => ReadFile(PathOf(name), name).Record;

    /// <summary>Every valid record, and every file that is not one.</summary>
    public LedgerScan Scan()
    {
        if (!System.IO.Directory.Exists(Directory)) return new LedgerScan([], []);
        var records = new List<LedgerRecord>();
        var problems = new List<LedgerProblem>();
        foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(Directory).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file == ".lock") continue;
            if (file.StartsWith('.') && file.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
            {
                RemoveStaleTemp(path);
                continue;
            }
            if (!file.EndsWith(Extension, StringComparison.Ordinal))
            {
                problems.Add(new LedgerProblem(file, null, LedgerProblemKind.NotARecordName, "it is not a ledger record (records are named MACHINE.json)"));
                continue;
            }
            var name = file[..^Extension.Length];
            var (record, problem) = ReadFile(path, name);
            if (record is not null) records.Add(record);
            else if (problem is { } p) problems.Add(new LedgerProblem(file, MachineNames.Problem(name) is null ? name : null, p.Kind, p.Reason));
        }
        return new LedgerScan(records, problems);
    }

    /// <summary>Every valid record.</summary>
    public IReadOnlyList<LedgerRecord> ReadAll() => Scan().Records;

    /// <summary>Creates or replaces the record of <see cref="LedgerRecord.Name"/>; returns it as written (with its new
    /// <see cref="LedgerRecord.Revision"/>).</summary>
    public LedgerRecord Write(LedgerRecord record)
    {
        var written = record with { Revision = Guid.NewGuid().ToString("N") };
        AtomicFile.WriteAllText(PathOf(record.Name), JsonSerializer.Serialize(written, s_json));
        return written;
    }

    /// <summary>Removes the record of <paramref name="name"/> (nothing happens when there is none).</summary>
    public void Remove(string name) => File.Delete(PathOf(name));

    /// <summary>Under the lock: replaces <paramref name="expected"/> with <paramref name="change"/>'s result only when
    /// the stored record is still <paramref name="expected"/> (same revision). Returns the written record, or
    /// <see langword="null"/> when it had changed (or gone).</summary>
    public LedgerRecord? UpdateIfUnchanged(LedgerRecord expected, Func<LedgerRecord, LedgerRecord> change)
    {
        using var _ = Lock();
        return Read(expected.Name) is { } current && current.Revision == expected.Revision ? Write(change(current)) : null;
    }

    /// <summary>Under the lock: removes the record only when it is still <paramref name="expected"/> (same revision).</summary>
    public bool RemoveIfUnchanged(LedgerRecord expected)
    {
        using var _ = Lock();
        if (Read(expected.Name) is not { } current || current.Revision != expected.Revision) return false;
        Remove(expected.Name);
        return true;
    }

    /// <summary>Whether any record belongs to <paramref name="sessionId"/>.</summary>
    public bool HasSession(string sessionId) => ReadAll().Any(r => r.Owner.SessionId == sessionId || r.Leases.Any(l => l.SessionId == sessionId));

    private string PathOf(string name) => Path.Combine(Directory, name + Extension);

    private static (LedgerRecord? Record, Fault? Problem) ReadFile(string path, string expectedName)
    {
        try
        {
            var status = UnixFile.LStatus(path);
            if (status is null && !File.Exists(path)) return (null, null);
            if (status is { Kind: not UnixFile.FileKind.Regular } s)
                return (null, new(LedgerProblemKind.NotARegularFile, $"it is not a regular file but a {s.Kind}, so it is not read"));
            if (status is { Size: > MaxRecordBytes }) return (null, s_tooLarge);
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0) return (null, new(LedgerProblemKind.Empty, "it is empty (a write that never reached the disk)"));
            if (bytes.Length > MaxRecordBytes) return (null, s_tooLarge);
            LedgerRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<LedgerRecord>(bytes, s_json);
            }
            catch (JsonException e)
            {
                return (null, new(LedgerProblemKind.NotARecord, $"it is not a valid record ({e.Message.Split('.')[0]})"));
            }
            return record is null ? (null, new(LedgerProblemKind.NotARecord, "it is not a valid record (null)")) : Validate(record, expectedName) is { } problem ? (null, problem) : (record, null);
        }
        catch (FileNotFoundException) { return (null, null); } // removed between listing and reading
        catch (DirectoryNotFoundException) { return (null, null); }
        catch (UnauthorizedAccessException e) { return (null, new(LedgerProblemKind.Unreadable, $"it cannot be read ({e.Message})")); }
        catch (IOException e) { return (null, new(LedgerProblemKind.Unreadable, $"it cannot be read ({e.Message})")); }
    }

    // Nullable annotations are not enforced by the serializer: a valid-JSON file can hold nulls anywhere.
    private static Fault? Validate(LedgerRecord r, string expectedName)
    {
        if (r.Format != LedgerRecord.CurrentFormat)
            return new(LedgerProblemKind.OtherFormat, $"it is a record of format {r.Format}, this version reads format {LedgerRecord.CurrentFormat}");
        if (r.Name != expectedName) return new(LedgerProblemKind.NameNotItsFile, $"it names the machine '{r.Name}', but its file is named for '{expectedName}'");
        if (MachineNames.Problem(r.Name) is { } nameProblem) return new(LedgerProblemKind.InvalidMachineName, $"its machine name is not valid: {nameProblem}");
        if (string.IsNullOrEmpty(r.LogicalName) || string.IsNullOrEmpty(r.World) || string.IsNullOrEmpty(r.SpecHash)
            || string.IsNullOrEmpty(r.Revision))
            return new(LedgerProblemKind.Incomplete, "it lacks a logical name, world, spec hash or revision");
        if (r.Id is not null && Ulid.TimeOf(r.Id) is null) return new(LedgerProblemKind.IdNotUlid, $"its machine ID '{r.Id}' is not a ULID");
        if (r.Expected is null || string.IsNullOrEmpty(r.Expected.Distro) || r.Expected.Versions is null)
            return new(LedgerProblemKind.Incomplete, "it does not say what the machine looks like");
        if (!IsValid(r.Owner) || r.Leases is null || r.Leases.Any(l => !IsValid(l)) || (r.Claim is not null && !IsValid(r.Claim.Session)))
            return new(LedgerProblemKind.Incomplete, "its owner, leases or claim are incomplete");
        if (!Enum.IsDefined(r.State) || !Enum.IsDefined(r.Kind)) return new(LedgerProblemKind.Incomplete, "its state or kind is unknown");
        return null;
    }

    private static readonly Fault s_tooLarge = new(LedgerProblemKind.TooLarge, $"it is larger than {MaxRecordBytes / 1024} KiB, so it is not a record");

    /// <summary>Why a file is not a valid record: the kind for code, the clause for the report.</summary>
    private readonly record struct Fault(LedgerProblemKind Kind, string Reason);

    private static bool IsValid(SessionOwner? owner) =>
        owner is { SessionId.Length: > 0, Pid: > 0, Place: { HostId.Length: > 0 } place } && place.HostName is not null && place.PidNamespace is not null;

    private static void RemoveStaleTemp(string path)
    {
        try
        {
            if (UnixFile.LStatus(path) is { Kind: not UnixFile.FileKind.Regular }) return;
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > s_staleTemp) File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>What a scan of the ledger found.</summary>
/// <param name="Records">The valid records.</param>
/// <param name="Problems">The files that are not valid records.</param>
internal sealed record LedgerScan(IReadOnlyList<LedgerRecord> Records, IReadOnlyList<LedgerProblem> Problems);

/// <summary>A file in the ledger folder that is not a valid record: skipped, reported, never acted on or deleted.</summary>
/// <param name="File">The file's name in the ledger folder.</param>
/// <param name="MachineName">The machine its name stands for, when that is a valid machine name.</param>
/// <param name="Kind">Why it was skipped, as data.</param>
/// <param name="Reason">Why it was skipped, as a clause for the report.</param>
internal sealed record LedgerProblem(string File, string? MachineName, LedgerProblemKind Kind, string Reason);

/// <summary>Why a file in the ledger folder is not a valid record.</summary>
internal enum LedgerProblemKind
{
    /// <summary>Its name is not <c>MACHINE.json</c>.</summary>
    NotARecordName,
    /// <summary>A FIFO, link, folder or other non-regular file: never opened.</summary>
    NotARegularFile,
    /// <summary>Larger than <see cref="OwnershipLedger.MaxRecordBytes"/>.</summary>
    TooLarge,
    /// <summary>Zero bytes: a write that never reached the disk.</summary>
    Empty,
    /// <summary>Not JSON of a record.</summary>
    NotARecord,
    /// <summary>It could not be read.</summary>
    Unreadable,
    /// <summary>A record of another format version.</summary>
    OtherFormat,
    /// <summary>It names another machine than its file name does.</summary>
    NameNotItsFile,
    /// <summary>Its machine name breaks the name rules.</summary>
    InvalidMachineName,
    /// <summary>Its machine ID is not a ULID.</summary>
    IdNotUlid,
    /// <summary>A required field is missing or unknown (logical name, world, spec hash, revision, expectation, owner,
    /// leases, claim, state or kind).</summary>
    Incomplete,
}
