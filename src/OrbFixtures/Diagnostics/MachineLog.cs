namespace OrbFixtures.Diagnostics;

/// <summary>
/// Everything that happened to one machine (or to the reaper), as typed <see cref="MachineEvent"/>s in time order.
/// Thread-safe: the provisioning of a machine, its watchdog and the tests using it append at once. Bounded: it keeps
/// the first events and a tail of the most recent ones and counts what it dropped in between, so a long soak cannot
/// grow it without limit. Counts and facts (how many creates, how it became ready) are queries over it; text, JSON and
/// telemetry are rendered from it (<see cref="EventText"/>).
/// </summary>
public sealed class MachineLog
{
    /// <summary>The default number of events kept.</summary>
    public const int DefaultCapacity = 200;

    private readonly object _gate = new();
    private readonly List<MachineEvent> _head = [];
    private readonly LinkedList<MachineEvent> _tail = new();
    private readonly int _headCapacity;
    private readonly int _tailCapacity;
    private long _dropped;

    /// <summary>Creates an empty log.</summary>
    /// <param name="subject">What the log is about, e.g. <c>machine 'db' (of-3k9x-db)</c>.</param>
    /// <param name="capacity">How many events are kept at most (at least 4).</param>
    public MachineLog(string subject, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (capacity < 4)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A machine log keeps at least 4 events.");
        Subject = subject;
        _headCapacity = capacity / 4;
        _tailCapacity = capacity - _headCapacity;
    }

    /// <summary>What the log is about.</summary>
    public string Subject { get; }

    /// <summary>The logical name of the machine it is about (<see cref="MachineSpec.LogicalName"/>); <see langword="null"/>
    /// for a log that is not about one machine.</summary>
    public string? LogicalName { get; init; }

    /// <summary>The real name of the machine it is about; <see langword="null"/> for a log that is not about one machine.</summary>
    public string? MachineName { get; init; }

    /// <summary>How many events were appended in total, dropped ones included.</summary>
    public long TotalRecorded { get { lock (_gate) return _head.Count + _tail.Count + _dropped; } }

    /// <summary>How many events were dropped from the middle to keep the log bounded.</summary>
    public long Dropped { get { lock (_gate) return _dropped; } }

    /// <summary>The events kept, in time order.</summary>
    public IReadOnlyList<MachineEvent> Events
    {
        get { lock (_gate) return [.. _head, .. _tail]; }
    }

    /// <summary>Raised after an event was appended, on the appending thread. A handler that throws is ignored:
    /// diagnostics never fail provisioning.</summary>
    public event EventHandler<MachineEvent>? Appended;

    /// <summary>The events kept of type <typeparamref name="T"/>, in time order.</summary>
    public IReadOnlyList<T> OfType<T>() where T : MachineEvent => Events.OfType<T>().ToList();

    /// <summary>Appends <paramref name="event"/>. Events are kept in time order: one appended by a thread that read the
    /// clock a moment before another's goes before it.</summary>
    public void Append(MachineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        lock (_gate)
        {
            var headIsFull = _head.Count == _headCapacity || _tail.Count > 0;
            if (!headIsFull || _head[^1].At > @event.At)
            {
                var index = _head.Count;
                while (index > 0 && _head[index - 1].At > @event.At) index--;
                _head.Insert(index, @event);
                // Earlier than the last of a full head: it belongs in the head, whose last event moves to the tail.
                if (headIsFull)
                {
                    _tail.AddFirst(_head[^1]);
                    _head.RemoveAt(_head.Count - 1);
                }
            }
            else
            {
                var after = _tail.Last;
                while (after is not null && after.Value.At > @event.At) after = after.Previous;
                if (after is null) _tail.AddFirst(@event);
                else _tail.AddAfter(after, @event);
            }
            if (_tail.Count > _tailCapacity)
            {
                _tail.RemoveFirst();
                _dropped++;
            }
        }
        var handlers = Appended;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<MachineEvent>>())
        {
            try
            {
                handler(this, @event);
            }
#pragma warning disable CA1031 // a subscriber's failure is swallowed on purpose (see Appended)
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>The log as text: a heading and one line per event (<see cref="EventText.Render(MachineLog, int?)"/>).</summary>
    public override string ToString() => EventText.Render(this);
}
