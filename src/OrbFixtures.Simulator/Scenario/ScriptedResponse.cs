namespace OrbFixtures.Simulator.Scenario;

/// <summary>A canned answer for <c>orbctl run</c>, matched by machine glob and exact argv before the built-ins.</summary>
internal sealed record ScriptedResponse(string? Machine, IReadOnlyList<string> Command, string Stdout, string Stderr, int ExitCode)
{
    /// <summary>Applies only once this many earlier runs of the same argv on the same machine have happened (the first
    /// run has 0 before it), so <c>afterCalls: 2</c> answers from the third run on. Null: from the first.</summary>
    public int? AfterCalls { get; init; }

    /// <summary>Applies only once the machine has been running for this many milliseconds (since its last start). Null:
    /// at once.</summary>
    public int? AfterMs { get; init; }
}
