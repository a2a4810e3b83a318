using System.Diagnostics.Contracts;
using OrbFixtures.Diagnostics;
using OrbFixtures.Provisioning;
using OrbFixtures.Validation;

namespace OrbFixtures;

/// <summary>
/// One condition a machine must meet before it counts as ready, checked after it is running (after every start:
/// create, clone, restart, adoption). Made by <see cref="WaitFor"/> and attached with <see cref="MachineSpec.WithWaitFor"/>;
/// the strategies of a spec run in order, each until it passes or gives up, all inside the readiness budget (the create
/// timeout, or the restart timeout after <see cref="Machine.RestartAsync"/>). Every look is a <see cref="WaitPolled"/>
/// event in the machine's log; a strategy that gives up fails provisioning with what it last saw. Immutable: the
/// <c>With…</c> methods return copies.
/// </summary>
public abstract class WaitStrategy
{
    // Closed: every strategy is made by WaitFor, so that each has its typed observations and its renderer.
    private protected WaitStrategy(WaitStrategyKind kind, string target)
    {
        Kind = kind;
        Target = target;
    }

    /// <summary>Which kind of strategy this is.</summary>
    public WaitStrategyKind Kind { get; }

    /// <summary>What it looks at: the command, unit, port, URL, path or pattern.</summary>
    public string Target { get; }

    /// <summary>How long this strategy may wait, from its first look; <see langword="null"/> for the configured
    /// <see cref="OrbFixturesOptions.WaitTimeout"/>. It never waits past the readiness budget either.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? Timeout { get; private set; }

    /// <summary>The pause between two looks; <see langword="null"/> for the configured
    /// <see cref="OrbFixturesOptions.WaitPollInterval"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? PollInterval { get; private set; }

    /// <summary>Returns a copy that gives up after <paramref name="timeout"/> (from 10 ms to 24 h).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is outside its range.</exception>
    [Pure]
    public WaitStrategy WithTimeout(TimeSpan timeout) =>
        Copy(timeout, OptionRanges.AttemptTimeout, nameof(timeout), static (copy, value) => copy.Timeout = value);

    /// <summary>Returns a copy that looks every <paramref name="interval"/> (from 10 ms to 1 h).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is outside its range.</exception>
    [Pure]
    public WaitStrategy WithPollInterval(TimeSpan interval) =>
        Copy(interval, OptionRanges.PollInterval, nameof(interval), static (copy, value) => copy.PollInterval = value);

    /// <summary>Describes the strategy, e.g. <c>systemd unit nginx.service</c>.</summary>
    public override string ToString() => EventText.Strategy(Kind, Target);

    /// <summary>Looks once. Never throws for what it sees: a failure to look is an observation too.</summary>
    internal abstract Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken);

    /// <summary>The target as recorded: secrets masked.</summary>
    internal virtual string RecordedTarget(WaitContext context) => Target;

    private WaitStrategy Copy(TimeSpan value, DurationRange range, string parameter, Action<WaitStrategy, TimeSpan> set)
    {
        if (!range.Contains(value))
            throw new ArgumentOutOfRangeException(parameter, value, $"The {parameter} of a wait strategy must be {range}.");
        var copy = (WaitStrategy)MemberwiseClone();
        set(copy, value);
        return copy;
    }
}
