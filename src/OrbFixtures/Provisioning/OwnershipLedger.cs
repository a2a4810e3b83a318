using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrbFixtures.Provisioning;

/// <summary>
/// The machines sessions created, on disk under the state directory: one JSON file per machine name, written
/// atomically (temp file + rename), so concurrent test processes never see a torn record. Read-modify-write
/// sequences that may race between processes (reaping, reuse hand-over) take the ledger's lock file.
/// </summary>
internal sealed class OwnershipLedger
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public OwnershipLedger(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        Directory = Path.Combine(Path.GetFullPath(stateDirectory), "ledger");
    }

    /// <summary>The folder holding one <c>NAME.json</c> per machine.</summary>
    public string Directory { get; }

    /// <summary>Takes the ledger-wide lock (cross-process) for a read-modify-write.</summary>
    public FileLock Lock() => FileLock.Acquire(Path.Combine(Directory, ".lock"), TimeSpan.FromSeconds(30));

    /// <summary>The record for <paramref name="name"/>, or <see langword="null"/> when there is none (or it is unreadable).</summary>
    public LedgerRecord? Read(string name) => ReadFile(PathOf(name));

    /// <summary>Every readable record.</summary>
    public IReadOnlyList<LedgerRecord> ReadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(ReadFile)
            .OfType<LedgerRecord>()
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Creates or replaces the record of <see cref="LedgerRecord.Name"/>.</summary>
    public void Write(LedgerRecord record) => AtomicFile.WriteAllText(PathOf(record.Name), JsonSerializer.Serialize(record, s_json));

    /// <summary>Removes the record of <paramref name="name"/> (nothing happens when there is none).</summary>
    public void Remove(string name) => File.Delete(PathOf(name));

    /// <summary>Whether any record belongs to <paramref name="sessionId"/>.</summary>
    public bool HasSession(string sessionId) => ReadAll().Any(r => r.SessionId == sessionId);

    private string PathOf(string name) => Path.Combine(Directory, name + ".json");

    private static LedgerRecord? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LedgerRecord>(File.ReadAllText(path), s_json) : null;
        }
        catch (JsonException) { return null; } // a foreign or damaged file proves no ownership
        catch (FileNotFoundException) { return null; } // removed between the check and the read
        catch (DirectoryNotFoundException) { return null; }
    }
}
