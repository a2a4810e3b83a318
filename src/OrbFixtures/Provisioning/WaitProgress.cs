using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Validation;

namespace OrbFixtures.Provisioning;

/// <summary>The defaults of strategies that set no timeout or interval of their own (<see cref="OrbFixturesOptions"/>).</summary>
/// <param name="Timeout">The default timeout; <see langword="null"/> for only the readiness budget.</param>
/// <param name="PollInterval">The default pause between two looks.</param>
/// <param name="LookTimeout">The most one look may take: the <c>orbctl run</c> timeout (<see cref="Operation.Run"/>), so a
/// look that hangs times out and the next one can still pass within the budget; <see langword="null"/> for no bound but
/// the strategy's timeout and the budget.</param>
internal sealed record WaitDefaults(TimeSpan? Timeout, TimeSpan PollInterval, TimeSpan? LookTimeout = null)
{
    public static WaitDefaults From(OrbFixturesOptions options) =>
        new(options.WaitTimeout, options.WaitPollInterval ?? options.PollInterval, options.Timeouts[Operation.Run]);
}

/// <summary>How far one readiness wait has come through a spec's strategies (the readiness probe first, then
/// <see cref="MachineSpec.WaitStrategies"/>, in order): which strategy is current, when it began and how often it
/// looked. Every look is a <see cref="WaitPolled"/> event; giving up is a <see cref="WaitGaveUp"/>. Owns the HTTP
/// client of host-side looks, made on first use.</summary>
internal sealed class WaitProgress(IOrbCtlClient client, MachineJournal journal, TimeProvider time, WaitDefaults defaults) : IDisposable
{
    /// <summary>The least time a look is given, even at the very end of a strategy's timeout or of the budget (an
    /// <c>orbctl run</c> takes tens of milliseconds): a last look cut short would record only that it could not run,
    /// instead of what the strategy last saw. A strategy may therefore overrun its timeout by at most this much.</summary>
    private static readonly TimeSpan s_minimumLook = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<WaitStrategy> _strategies = journal.Spec.Readiness;
    private int _index;
    private long _startedAt;
    private int _polls;
    private HttpClient? _http;

    private WaitStrategy? Current => _index < _strategies.Count ? _strategies[_index] : null;

    /// <summary>The pause before the current strategy looks again.</summary>
    public TimeSpan PollInterval => Current?.PollInterval ?? defaults.PollInterval;

    /// <summary>The current strategy's last look, or <see langword="null"/> before its first.</summary>
    public WaitPolled? LastLook { get; private set; }

    /// <summary>Looks with the current strategy and, while they pass, with the next ones.</summary>
    /// <param name="info">The machine as <c>info</c> showed it a moment ago (running).</param>
    /// <param name="budgetLeft">What is left of the readiness budget.</param>
    /// <param name="giveUp">Whether a strategy whose time is up gives up (a readiness wait) or only looks again later
    /// (the create watchdog, which never decides that a machine is not ready).</param>
    /// <param name="cancellationToken">Stops the look.</param>
    public async Task<WaitStep> LookAsync(MachineInfo info, TimeSpan budgetLeft, bool giveUp, CancellationToken cancellationToken)
    {
        while (Current is { } strategy)
        {
            if (_polls == 0) _startedAt = time.GetTimestamp();
            var limit = strategy.Timeout ?? defaults.Timeout;
            var ownLeft = limit is { } l ? l - time.GetElapsedTime(_startedAt) : TimeSpan.MaxValue;
            var lookTimeout = Min(Max(Min(Min(ownLeft, budgetLeft), defaults.LookTimeout ?? TimeSpan.MaxValue), s_minimumLook),
                OptionRanges.AttemptTimeout.Max);
            var context = new WaitContext(client, journal, info, time, lookTimeout, Http);
            var seen = await strategy.LookAsync(context, cancellationToken).ConfigureAwait(false);
            var poll = ++_polls;
            var target = strategy.RecordedTarget(context);
            var output = OutputExcerpt.Of(journal.Spec.Redactor.Text(seen.Output), WaitObservation.MaxOutput);
            var look = new WaitPolled(time.GetUtcNow(), strategy.Kind, target, poll, seen.Finding, seen.ExitCode, seen.HttpStatus, output,
                seen.Error, seen.Detail);
            journal.Log.Append(look);
            LastLook = look;
            if (look.Passed)
            {
                _index++;
                _polls = 0;
                LastLook = null;
                continue;
            }
            if (!giveUp) return WaitStep.Pending;
            var elapsed = time.GetElapsedTime(_startedAt);
            WaitGiveUpReason? reason = seen.IsUnrecoverable ? WaitGiveUpReason.Unrecoverable
                : limit is { } own && elapsed >= own ? WaitGiveUpReason.TimedOut
                : null;
            if (reason is null) return WaitStep.Pending;
            GiveUp(reason.Value, limit ?? elapsed);
            return WaitStep.GaveUp;
        }
        return WaitStep.Satisfied;
    }

    /// <summary>Records that the current strategy gives up because the readiness budget is spent (when a strategy
    /// was looking at all).</summary>
    public void BudgetSpent(TimeSpan budget)
    {
        if (Current is not null && _polls > 0) GiveUp(WaitGiveUpReason.ReadinessBudgetSpent, budget);
    }

    /// <summary>The give-up event, when a strategy gave up.</summary>
    public WaitGaveUp? GaveUp { get; private set; }

    private void GiveUp(WaitGiveUpReason reason, TimeSpan limit)
    {
        var strategy = Current!;
        var gaveUp = new WaitGaveUp(time.GetUtcNow(), strategy.Kind, LastLook?.Target ?? strategy.Target, _polls, time.GetElapsedTime(_startedAt),
            limit, reason);
        journal.Log.Append(gaveUp);
        GaveUp = gaveUp;
    }

    // No proxy: the machine is on OrbStack's own network, which a proxy of the host cannot reach.
    private HttpClient Http() => _http ??= new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
    {
        // Each look has its own deadline (the context's look timeout); the client's own would be a second, hidden one.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => _http?.Dispose();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>Where a look left the strategies.</summary>
internal enum WaitStep
{
    /// <summary>Every strategy has passed.</summary>
    Satisfied,
    /// <summary>The current strategy has not passed yet; look again after its poll interval.</summary>
    Pending,
    /// <summary>The current strategy gave up (<see cref="WaitProgress.GaveUp"/>).</summary>
    GaveUp,
}
