using OrbFixtures.OrbCtl;

namespace OrbFixtures.Diagnostics;

/// <summary>One <c>orbctl</c> process: what ran, under which timeout, how it ended and what was decided next.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="AttemptNumber">1 for the first attempt of a call, 2 for its first retry, ...</param>
/// <param name="Arguments">The argv, <c>orbctl</c> first, with secrets redacted.</param>
/// <param name="StartedAt">When the process started (from the injected clock).</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Timeout">The timeout it ran under.</param>
/// <param name="ExitCode">Its exit code; <see langword="null"/> when it was killed.</param>
/// <param name="StandardOutputTail">The last part of its stdout.</param>
/// <param name="StandardErrorTail">The last part of its stderr.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The classification of a failure; <see langword="null"/> on success.</param>
/// <param name="Decision">What was decided after it, e.g. <c>retry in 1.2 s</c>, <c>give up</c>, <c>done</c>.</param>
public sealed record AttemptRecord(
    Operation Operation,
    int AttemptNumber,
    IReadOnlyList<string> Arguments,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan Timeout,
    int? ExitCode,
    string StandardOutputTail,
    string StandardErrorTail,
    AttemptOutcome Outcome,
    OrbCtlErrorKind? Error,
    string Decision);
