using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>The state of one client call across its attempts. Attempts of one call run one after another (the
/// retry strategy awaits each), so the state needs no locking; the shared log does its own.</summary>
internal sealed class OrbCtlCall
{
    private readonly MachineLog? _log;
    private readonly TimeProvider _time;

    public OrbCtlCall(OrbCtlInvocation invocation, MachineLog? log, TimeProvider time, CancellationToken callerToken)
    {
        Invocation = invocation;
        _log = log;
        _time = time;
        CallerToken = callerToken;
    }

    public OrbCtlInvocation Invocation { get; }

    /// <summary>The caller's token: cancelled means the caller gave up, as opposed to a per-attempt timeout.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>How many attempts have started.</summary>
    public int Attempts { get; private set; }

    /// <summary>The attempt running or waiting for its decision, if any.</summary>
    public AttemptDraft? Current { get; private set; }

    /// <summary>The most recently decided attempt.</summary>
    public AttemptDraft? Last { get; private set; }

    public AttemptDraft Begin()
    {
        Attempts++;
        Current = new AttemptDraft(Invocation.FirstAttempt + Attempts - 1, _time.GetUtcNow(), _time.GetTimestamp());
        return Current;
    }

    public TimeSpan Elapsed(AttemptDraft draft) => _time.GetElapsedTime(draft.StartTimestamp);

    /// <summary>Appends the current attempt to the log with the decision taken after it, at the moment it is taken.</summary>
    public void Decide(AttemptDecision decision, TimeSpan? retryDelay = null)
    {
        if (Current is not { } draft) return;
        Current = null;
        Last = draft;
        _log?.Append(draft.ToEvent(Invocation, _time.GetUtcNow(), decision, retryDelay));
    }

    /// <summary>Notes something that happened between attempts (e.g. cancelled while waiting to retry).</summary>
    public void Note(string message) => _log?.Append(new Note(_time.GetUtcNow(), message));
}
