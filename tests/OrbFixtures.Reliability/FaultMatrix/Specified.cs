using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>The specified outcome of a cell, and the rule it follows (the rules are listed on <see cref="FaultMatrixTests"/>).</summary>
/// <param name="Ending">How the lifecycle ends.</param>
/// <param name="Rule">Why, in a few words (printed with the cell).</param>
internal sealed record Specified(Ending Ending, string Rule)
{
    /// <summary>The kind of the typed error, for endings other than <see cref="Ending.Ready"/>.</summary>
    public OrbCtlErrorKind? Kind { get; init; }

    /// <summary>How the faulted attempt may appear in the machine's log (any of these): an <see cref="AttemptFinished"/>
    /// with this outcome and error, and, when given, this decision.</summary>
    public IReadOnlyList<(AttemptOutcome Outcome, OrbCtlErrorKind? Error, AttemptDecision? Decision)> RecordedAs { get; init; } = [];

    /// <summary>How the machine of a ready cell's (first) ensure became ready (<see cref="MachineReady.Via"/>). A
    /// stop-then-adopt cell's second ensure is always <see cref="ReadyVia.Adopted"/>.</summary>
    public ReadyVia Via { get; init; } = ReadyVia.Created;

    /// <summary>The exact number of invocations of the faulted operation on the machine, when the behaviour fixes it.</summary>
    public int? Invocations { get; init; }

    /// <summary>Whether the error message must quote orbctl's stderr verbatim.</summary>
    public bool QuotesOrbctl { get; init; }

    public static Specified Ready(string rule) => new(Ending.Ready, rule);

    public static Specified ProvisioningFails(OrbCtlErrorKind kind, string rule) => new(Ending.ProvisioningFails, rule) { Kind = kind };

    public static Specified TeardownFails(OrbCtlErrorKind kind, string rule) => new(Ending.TeardownFails, rule) { Kind = kind };

    public Specified Recorded(AttemptOutcome outcome, OrbCtlErrorKind? error = null, AttemptDecision? decision = null) =>
        this with { RecordedAs = [.. RecordedAs, (outcome, error, decision)] };

    /// <summary>The faulted attempt ran past its timeout and was killed; then <paramref name="decision"/>, when given.</summary>
    public Specified RecordedTimedOut(AttemptDecision? decision = null) => Recorded(AttemptOutcome.TimedOut, OrbCtlErrorKind.TimedOut, decision);

    public Specified ReadyThrough(ReadyVia via) => this with { Via = via };

    public Specified Calls(int invocations) => this with { Invocations = invocations };

    public Specified Quoting() => this with { QuotesOrbctl = true };
}
