using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>Which failures each operation retries. Daemon hiccups and transient errors are retried everywhere it is
/// safe; a timeout or garbled output only where repeating the call cannot do harm (queries and idempotent
/// transitions). <c>create</c> is never retried (a killed create still completes server-side, so a blind retry
/// fails with "already exists"; the provisioner reconciles instead) and neither is <c>run</c> (the guest command
/// may not be idempotent).</summary>
internal static class RetryRules
{
    /// <summary>Whether the operation is ever retried by the client.</summary>
    public static bool IsRetried(Operation operation) => operation is not (Operation.Create or Operation.Run);

    /// <summary>Whether a failure of <paramref name="kind"/> is retried for <paramref name="operation"/>.</summary>
    public static bool Retries(Operation operation, OrbCtlErrorKind kind) => kind switch
    {
        _ when IsTransient(kind) => IsRetried(operation),
        OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.MalformedOutput => IsRepeatable(operation),
        _ => false,
    };

    /// <summary>What follows a failure of <paramref name="kind"/> that ends a call (its retries, if any, are spent). A
    /// <c>create</c> is decided by the provisioner: an unknown outcome is reconciled from <c>info</c>, a transient
    /// failure is retried by its create-then-reconcile step, anything else ends it.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="kind">The failure.</param>
    /// <param name="createAttemptsLeft">For a create: whether its step may still be retried.</param>
    public static AttemptDecision AfterLastAttempt(Operation operation, OrbCtlErrorKind kind, bool createAttemptsLeft = false) => kind switch
    {
        _ when operation == Operation.Create && IsUnknownCreateOutcome(kind) => AttemptDecision.Reconcile,
        _ when operation == Operation.Create && IsTransient(kind) =>
            createAttemptsLeft ? AttemptDecision.Retry : AttemptDecision.GaveUpAttemptsExhausted,
        _ when IsTransient(kind) || kind is OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.MalformedOutput
            => Retries(operation, kind) ? AttemptDecision.GaveUpAttemptsExhausted : AttemptDecision.GaveUpNotRetried,
        _ => AttemptDecision.GaveUpPermanent,
    };

    /// <summary>Whether a failure of <c>create</c> leaves its outcome unknown, so that the machine's state must be read
    /// back: OrbStack keeps creating after its client died, "already exists" may be our own machine, and a create that
    /// exited 0 but printed something unexpected may well have made it.</summary>
    public static bool IsUnknownCreateOutcome(OrbCtlErrorKind kind) =>
        kind is OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.AlreadyExists or OrbCtlErrorKind.MalformedOutput;

    /// <summary>Whether a failure is transient: a retry may succeed.</summary>
    public static bool IsTransient(OrbCtlErrorKind kind) => kind is OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning;

    private static bool IsRepeatable(Operation operation) => operation is Operation.Status or Operation.Version
        or Operation.List or Operation.Info or Operation.Logs or Operation.Start or Operation.Stop or Operation.Delete
        or Operation.Config;
}
