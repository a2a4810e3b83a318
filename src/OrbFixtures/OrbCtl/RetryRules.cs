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
        OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning => IsRetried(operation),
        OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.MalformedOutput => IsRepeatable(operation),
        _ => false,
    };

    /// <summary>Why a failure was not retried, for the attempt's recorded decision.</summary>
    public static string GiveUpReason(Operation operation, OrbCtlErrorKind kind) => kind switch
    {
        OrbCtlErrorKind.Transient or OrbCtlErrorKind.DaemonNotRunning or OrbCtlErrorKind.TimedOut or OrbCtlErrorKind.MalformedOutput
            => $"give up: {operation} is not retried after {kind}",
        _ => "give up: not transient",
    };

    private static bool IsRepeatable(Operation operation) => operation is Operation.Status or Operation.Version
        or Operation.List or Operation.Info or Operation.Logs or Operation.Start or Operation.Stop or Operation.Delete;
}
