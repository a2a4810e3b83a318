using System.Collections.Frozen;
using OrbFixtures.Diagnostics;
using Polly;

namespace OrbFixtures.OrbCtl;

/// <summary>Runs one call through its operation's pipeline: each attempt starts a process, interprets it, and is
/// recorded with the decision taken after it; the call ends with a value, an <see cref="OrbCtlException"/>, or the
/// caller's <see cref="OperationCanceledException"/>.</summary>
internal sealed class OperationExecutor
{
    private readonly OrbCtlClientOptions _options;
    private readonly IOrbCtlProcessRunner _runner;
    private readonly FrozenDictionary<Operation, ResiliencePipeline> _pipelines;

    public OperationExecutor(OrbCtlClientOptions options, IOrbCtlProcessRunner runner)
    {
        _options = options;
        _runner = runner;
        _pipelines = OperationPipelines.Build(options.Retry, options.TimeProvider);
    }

    public async Task<T> ExecuteAsync<T>(OrbCtlInvocation invocation, Func<OrbCtlProcessResult, TimeSpan, Interpretation<T>> interpret,
        MachineLog? log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var call = new OrbCtlCall(invocation, log, _options.TimeProvider, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(invocation.Operation.ToString(), cancellationToken);
        context.Properties.Set(OperationPipelines.CallKey, call);
        Outcome<T> outcome;
        try
        {
            outcome = await _pipelines[invocation.Operation].ExecuteOutcomeAsync(
                static (ctx, state) => state.Executor.AttemptAsync(ctx, state.Call, state.Interpret),
                context, (Executor: this, Call: call, Interpret: interpret)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        return Conclude(call, outcome);
    }

    private async ValueTask<Outcome<T>> AttemptAsync<T>(ResilienceContext context, OrbCtlCall call,
        Func<OrbCtlProcessResult, TimeSpan, Interpretation<T>> interpret)
    {
        var draft = call.Begin();
        var request = new OrbCtlProcessRequest(_options.OrbctlPath, call.Invocation.Arguments,
            _options.EnvironmentVariables, call.Invocation.StandardInput)
        {
            Output = call.Invocation.Output ?? OutputRouting.Captured(_options.MaxOutputBytes),
        };
        OrbCtlProcessResult result;
        try
        {
            result = await _runner.RunAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (context.CancellationToken.IsCancellationRequested)
        {
            // Either the attempt's timeout fired (Polly turns this into TimeoutRejectedException) or the caller
            // gave up; in both cases the runner has killed the process tree.
            draft.Killed(call.Elapsed(draft),
                call.CallerToken.IsCancellationRequested ? AttemptOutcome.Cancelled : AttemptOutcome.TimedOut);
            return Outcome.FromException<T>(e);
        }
        catch (OrbCtlStartException e)
        {
            draft.NotStarted(call.Elapsed(draft), e.Message);
            return Outcome.FromException<T>(new AttemptFailure(OrbCtlErrorKind.Unknown, e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Started, then something else broke (out of memory, an I/O error on a pipe, a caller's target that
            // threw): recorded, never retried, and rethrown as what it is rather than as "could not be run".
            draft.Broke(call.Elapsed(draft), e);
            return Outcome.FromException<T>(e);
        }
        var duration = call.Elapsed(draft);
        var meaning = interpret(result, duration);
        draft.Exited(result, duration, meaning, call.Invocation.Secrets);
        return meaning.IsFailure
            ? Outcome.FromException<T>(new AttemptFailure(meaning.Error ?? OrbCtlErrorKind.Unknown))
            : Outcome.FromResult(meaning.Value!);
    }

    private T Conclude<T>(OrbCtlCall call, Outcome<T> outcome)
    {
        var operation = call.Invocation.Operation;
        switch (outcome.Exception)
        {
            case null:
                call.Decide(call.Current is { Answered: true } ? AttemptDecision.Answered : AttemptDecision.Done);
                return outcome.Result!;
            case OperationCanceledException when call.CallerToken.IsCancellationRequested:
                if (call.Current is null) call.Note($"{operation}: cancelled by the caller while waiting to retry");
                else call.Decide(call.Invocation.Stop?.Reason ?? AttemptDecision.CancelledByCaller);
                throw new OperationCanceledException($"orbctl {operation} was cancelled by the caller.", outcome.Exception, call.CallerToken);
            case { } broken when OperationPipelines.KindOf(broken) is null && call.Current is { Broken: true }:
                call.Decide(AttemptDecision.GaveUpBroken);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(broken);
                throw broken; // not reached
            default:
                var kind = OperationPipelines.KindOf(outcome.Exception) ?? OrbCtlErrorKind.Unknown;
                var attempt = call.Invocation.FirstAttempt + call.Attempts - 1;
                call.Decide(RetryRules.AfterLastAttempt(operation, kind, createAttemptsLeft: attempt < call.Invocation.MaxAttempts));
                throw OrbCtlFailure.ToException(call, kind, outcome.Exception is AttemptFailure f ? f.InnerException : outcome.Exception);
        }
    }
}
