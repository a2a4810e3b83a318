namespace OrbFixtures.Diagnostics;

/// <summary>
/// The attempts (<c>orbctl</c> processes) and notes (decisions of the provisioner) of one subject, usually one
/// machine. Thread-safe: several operations may record into one history at once. Bounded: it keeps the first
/// entries and a tail of the most recent ones, and counts what it dropped in between, so a long soak cannot grow
/// it without limit. Renders as a compact text block (<see cref="Render"/>) and as JSON (<see cref="ToJson"/>).
/// </summary>
public sealed partial class AttemptHistory
{
    /// <summary>The default number of entries kept.</summary>
    public const int DefaultCapacity = 200;

    private readonly object _gate = new();
    private readonly List<object> _head = [];
    private readonly Queue<object> _tail = new();
    private readonly int _headCapacity;
    private readonly int _tailCapacity;
    private long _dropped;

    /// <summary>Creates an empty history.</summary>
    /// <param name="subject">What the history is about, e.g. <c>machine 'db' (of-3k9x-db)</c>.</param>
    /// <param name="capacity">How many entries are kept at most (at least 4).</param>
    public AttemptHistory(string subject, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (capacity < 4)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "An attempt history keeps at least 4 entries.");
        Subject = subject;
        _headCapacity = capacity / 4;
        _tailCapacity = capacity - _headCapacity;
    }

    /// <summary>What the history is about.</summary>
    public string Subject { get; }

    /// <summary>How many entries were recorded in total, dropped ones included.</summary>
    public long TotalRecorded { get { lock (_gate) return _head.Count + _tail.Count + _dropped; } }

    /// <summary>How many entries were dropped from the middle to keep the history bounded.</summary>
    public long Dropped { get { lock (_gate) return _dropped; } }

    /// <summary>Records one attempt.</summary>
    public void Record(AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Add(attempt);
    }

    /// <summary>Records a note (a step or decision that is not an orbctl process).</summary>
    public void Note(DateTimeOffset at, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Add(new HistoryNote(at, message));
    }

    /// <summary>The attempts kept, oldest first.</summary>
    public IReadOnlyList<AttemptRecord> Attempts => Entries.OfType<AttemptRecord>().ToList();

    /// <summary>The notes kept, oldest first.</summary>
    public IReadOnlyList<HistoryNote> Notes => Entries.OfType<HistoryNote>().ToList();

    /// <summary>Every entry kept (<see cref="AttemptRecord"/> or <see cref="HistoryNote"/>), oldest first.</summary>
    public IReadOnlyList<object> Entries
    {
        get { lock (_gate) return [.. _head, .. _tail]; }
    }

    private void Add(object entry)
    {
        lock (_gate)
        {
            if (_head.Count < _headCapacity) { _head.Add(entry); return; }
            _tail.Enqueue(entry);
            if (_tail.Count > _tailCapacity) { _tail.Dequeue(); _dropped++; }
        }
    }
}
