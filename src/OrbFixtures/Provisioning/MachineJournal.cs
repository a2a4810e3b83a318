using OrbFixtures.Diagnostics;

namespace OrbFixtures.Provisioning;

/// <summary>Where the provisioning of one machine writes what it does: notes in the machine's
/// <see cref="AttemptHistory"/>, human-readable progress lines, and the facts the run report needs.</summary>
internal sealed class MachineJournal
{
    private readonly TimeProvider _time;
    private readonly Action<string> _progress;
    private readonly long _startTimestamp;

    public MachineJournal(MachineSpec spec, string name, AttemptHistory history, TimeProvider time, Action<string> progress)
    {
        Spec = spec;
        Name = name;
        History = history;
        _time = time;
        _progress = progress;
        _startTimestamp = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
        SpecHash = spec.ComputeHash();
    }

    public MachineSpec Spec { get; }
    public string Name { get; }
    public AttemptHistory History { get; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>The spec's hash (what reuse compares).</summary>
    public string SpecHash { get; }

    /// <summary>How the machine came to be ready: <c>created</c>, <c>adopted</c>, <c>reused</c>, <c>watchdog</c>, ....</summary>
    public string? How { get; set; }

    /// <summary>How many <c>create</c> processes were started.</summary>
    public int CreateAttempts { get; set; }

    /// <summary>How many hung creates the watchdog cut short by adopting the machine.</summary>
    public int HangsAdopted { get; set; }

    /// <summary>The machine's ULID, once known.</summary>
    public string? MachineId { get; set; }

    /// <summary>How long it took until the machine was ready; <see langword="null"/> until then (or when it failed).</summary>
    public TimeSpan? ReadyAfter { get; set; }

    /// <summary>Why provisioning failed (one line, no secrets); <see langword="null"/> when it did not.</summary>
    public string? Failure { get; set; }

    /// <summary>What teardown did with the machine (<c>deleted</c>, <c>stopped</c>, <c>kept</c>, ...).</summary>
    public string? Cleanup { get; set; }

    /// <summary>Time since provisioning of this machine started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_startTimestamp);

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Records a step or decision in the history.</summary>
    public void Note(string message) => History.Note(_time.GetUtcNow(), message);

    /// <summary>Records a step in the history and reports it as a progress line.</summary>
    public void Progress(string message)
    {
        Note(message);
        _progress($"{Spec.LogicalName} ({Name}): {message}");
    }
}
