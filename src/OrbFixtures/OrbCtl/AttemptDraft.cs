using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>One attempt while it runs and until the call decides what follows it; then it becomes an
/// <see cref="AttemptFinished"/> event. Output is kept in full (redacted) for the exception, bounded in the record.</summary>
internal sealed class AttemptDraft
{
    public AttemptDraft(int number, DateTimeOffset startedAt, long startTimestamp)
    {
        Number = number;
        StartedAt = startedAt;
        StartTimestamp = startTimestamp;
    }

    private bool _notStarted;

    /// <summary>The process started, then running it failed with an exception that is not about orbctl's answer.</summary>
    public bool Broken { get; private set; }

    /// <summary>The process never started (the only case reported as "could not be run").</summary>
    public bool DidNotStart => _notStarted;

    public int Number { get; }
    public DateTimeOffset StartedAt { get; }
    public long StartTimestamp { get; }
    public TimeSpan Duration { get; private set; }
    public int? ExitCode { get; private set; }
    public string StandardOutput { get; private set; } = "";
    public string StandardError { get; private set; } = "";
    public AttemptOutcome Outcome { get; private set; } = AttemptOutcome.Failed;
    public OrbCtlErrorKind? Error { get; private set; }

    /// <summary>Why the output was rejected (malformed output) or why the process could not start.</summary>
    public string? Problem { get; private set; }

    /// <summary>The attempt failed in the expected way that answers the call (e.g. <c>info</c> of a missing machine).</summary>
    public bool Answered { get; private set; }

    public void Exited<T>(OrbCtlProcessResult result, TimeSpan duration, Interpretation<T> meaning, SecretRedactor secrets)
    {
        Duration = duration;
        ExitCode = result.ExitCode;
        StandardOutput = secrets.Text(result.StandardOutput);
        StandardError = secrets.Text(result.StandardError);
        Outcome = meaning.IsFailure ? AttemptOutcome.Failed : AttemptOutcome.Succeeded;
        Error = meaning.Error;
        Problem = meaning.Problem;
        Answered = meaning.Error is not null && !meaning.IsFailure;
    }

    public void Killed(TimeSpan duration, AttemptOutcome outcome)
    {
        Duration = duration;
        Outcome = outcome;
        Error = outcome == AttemptOutcome.TimedOut ? OrbCtlErrorKind.TimedOut : null;
    }

    public void NotStarted(TimeSpan duration, string problem)
    {
        _notStarted = true;
        Duration = duration;
        Outcome = AttemptOutcome.Failed;
        Error = OrbCtlErrorKind.Unknown;
        Problem = problem;
    }

    public void Broke(TimeSpan duration, Exception error)
    {
        Broken = true;
        Duration = duration;
        Outcome = AttemptOutcome.Failed;
        Problem = $"running it failed: {error.GetType().Name}: {error.Message}";
    }

    public AttemptFinished ToEvent(OrbCtlInvocation invocation, DateTimeOffset decidedAt, AttemptDecision decision, TimeSpan? retryDelay) => new(
        decidedAt, invocation.Operation, Number, invocation.RecordedArgv, StartedAt, Duration, invocation.Timeout, ExitCode,
        // A process that never started or broke has no stderr of its own; what went wrong takes that place.
        OutputExcerpt.Of(StandardOutput), OutputExcerpt.Of(_notStarted || Broken ? Problem : StandardError),
        Outcome, Error, decision, retryDelay);
}
