using System.Collections.Frozen;
using OrbFixtures.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrbFixtures.OrbCtl;

/// <summary>
/// One Polly pipeline per <see cref="Operation"/>: retry (outer; exponential backoff with jitter; only what
/// <see cref="RetryRules"/> allows for that operation) around a per-attempt timeout (inner). The timeout of each
/// attempt is read from the call (the operation's entry in <see cref="OperationTimeouts"/>, or a per-call override),
/// and all waiting runs on the injected <c>TimeProvider</c>.
/// </summary>
internal static class OperationPipelines
{
    public static readonly ResiliencePropertyKey<OrbCtlCall> CallKey = new("OrbFixtures.OrbCtl.Call");

    public static FrozenDictionary<Operation, ResiliencePipeline> Build(OrbCtlRetryOptions retry, TimeProvider time) =>
        Enum.GetValues<Operation>().ToFrozenDictionary(op => op, op => Build(op, retry, time));

    private static ResiliencePipeline Build(Operation operation, OrbCtlRetryOptions retry, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (RetryRules.IsRetried(operation) && retry.MaxAttempts > 1)
        {
            var options = new RetryStrategyOptions
            {
                ShouldHandle = args => new ValueTask<bool>(KindOf(args.Outcome.Exception) is { } kind && RetryRules.Retries(operation, kind)),
                OnRetry = args =>
                {
                    // Polly reports only attempts that will be retried; the call records its last attempt itself.
                    if (args.Context.Properties.TryGetValue(CallKey, out var call)) call.Decide(AttemptDecision.Retry, args.RetryDelay);
                    return default;
                },
            };
            ApplyBackoff(options, retry);
            builder.AddRetry(options);
        }
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args => new ValueTask<TimeSpan>(
                args.Context.Properties.TryGetValue(CallKey, out var call) ? call.Invocation.Timeout : TimeSpan.Zero),
        });
        return builder.Build();
    }

    /// <summary>The one backoff of every retry OrbFixtures makes — an operation's attempts here, and the provisioner's
    /// create-then-reconcile steps: <see cref="OrbCtlRetryOptions.MaxAttempts"/> attempts in all, exponential from
    /// <see cref="OrbCtlRetryOptions.BaseDelay"/> up to <see cref="OrbCtlRetryOptions.MaxDelay"/>, with Polly's
    /// decorrelated jitter when <see cref="OrbCtlRetryOptions.UseJitter"/> is set.</summary>
    public static void ApplyBackoff<TResult>(RetryStrategyOptions<TResult> options, OrbCtlRetryOptions retry)
    {
        options.MaxRetryAttempts = Math.Max(1, retry.MaxAttempts - 1);
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = retry.UseJitter;
        options.Delay = retry.BaseDelay;
        options.MaxDelay = retry.MaxDelay;
        if (retry.Randomizer is { } randomizer) options.Randomizer = randomizer;
    }

    /// <summary>The classification an exception from an attempt carries, or null when it is not a failure of orbctl
    /// (the caller's cancellation is never retried).</summary>
    public static OrbCtlErrorKind? KindOf(Exception? exception) => exception switch
    {
        TimeoutRejectedException => OrbCtlErrorKind.TimedOut,
        AttemptFailure failure => failure.Kind,
        _ => null,
    };
}
