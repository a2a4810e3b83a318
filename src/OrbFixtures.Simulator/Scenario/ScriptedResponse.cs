namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// A rule for <c>orbctl run</c>, matched by machine glob and exact argv before the built-ins. The command first takes
/// <see cref="DurationMs"/> of simulated time (a setup step that costs S seconds), then either prints the canned answer
/// or, with <see cref="Execute"/>, runs the built-in program as usual (so its effect on the guest's files is kept).
/// </summary>
internal sealed record ScriptedResponse(
    string? Machine, IReadOnlyList<string> Command, string Stdout, string Stderr, int ExitCode, int DurationMs = 0, bool Execute = false)
{
    /// <summary>Applies only once this many earlier runs of the same argv on the same machine have happened (the first
    /// run has 0 before it), so <c>afterCalls: 2</c> answers from the third run on. Null: from the first.</summary>
    public int? AfterCalls { get; init; }

    /// <summary>Applies only once the machine has been running for this many milliseconds (since its last start). Null:
    /// at once.</summary>
    public int? AfterMs { get; init; }
}
