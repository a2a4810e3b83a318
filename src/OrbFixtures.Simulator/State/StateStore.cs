namespace OrbFixtures.Simulator.State;

/// <summary>
/// The simulated daemon's database: one JSON file under ORBSIM_HOME, read and written only while holding
/// <see cref="StateLock"/>, replaced atomically (write a temporary file, then rename) so a process killed mid-write
/// cannot corrupt it. Callers do their blocking waits between calls, never inside one.
/// </summary>
internal sealed class StateStore
{
    private readonly string _home;
    private readonly TimeProvider _clock;

    public StateStore(string home, TimeProvider clock)
    {
        _home = home;
        _clock = clock;
        Directory.CreateDirectory(home);
    }

    private string StatePath => Path.Combine(_home, "state.json");

    /// <summary>The directory that holds a machine's files (its guest file system).</summary>
    public string MachineDirectory(string machineId) => Path.Combine(_home, "machines", machineId);

    /// <summary>Reads, lets <paramref name="change"/> modify the document, and saves it if it changed.</summary>
    public T Update<T>(Func<StateDocument, DateTimeOffset, T> change)
    {
        using var _ = StateLock.Acquire(Path.Combine(_home, "state.lock"));
        var now = _clock.GetUtcNow();
        var original = File.Exists(StatePath) ? File.ReadAllText(StatePath) : "";
        var document = Deserialize(original);
        RemoveDeleted(document, now);
        var result = change(document, now);
        var updated = StateFile.Write(document);
        if (updated != original)
        {
            var temporary = $"{StatePath}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, updated);
            File.Move(temporary, StatePath, overwrite: true);
        }

        return result;
    }

    /// <summary>A consistent snapshot for queries that change nothing.</summary>
    public T Read<T>(Func<StateDocument, DateTimeOffset, T> query)
    {
        using var _ = StateLock.Acquire(Path.Combine(_home, "state.lock"));
        var now = _clock.GetUtcNow();
        var document = Deserialize(File.Exists(StatePath) ? File.ReadAllText(StatePath) : "");
        RemoveDeleted(document, now);
        return query(document, now);
    }

    private static StateDocument Deserialize(string json) => StateFile.Parse(json);

    /// <summary>Machines whose deletion has finished disappear, together with their files and default-machine mark.</summary>
    private void RemoveDeleted(StateDocument document, DateTimeOffset now)
    {
        foreach (var gone in document.Machines.Where(m => m.StateAt(now) == MachineStates.Deleted).ToList())
        {
            document.Machines.Remove(gone);
            if (document.DefaultMachineId == gone.Id) document.DefaultMachineId = null;
            var directory = MachineDirectory(gone.Id);
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
