namespace OrbFixtures.Simulator.Scenario;

/// <summary>One entry of the scenario's <c>faults</c> array.</summary>
internal sealed record FaultRule
{
    /// <summary>Identifies the rule's use counter in the state directory; changes when the rule's JSON changes.</summary>
    public required string Key { get; init; }

    /// <summary>The canonical subcommand name, e.g. <c>create</c>.</summary>
    public required string Op { get; init; }

    /// <summary>A <c>*</c>/<c>?</c> glob on the targeted machine name, or null for any invocation.</summary>
    public string? Machine { get; init; }

    /// <summary>How many matching invocations the rule applies to (across processes), or null for all.</summary>
    public int? Times { get; init; }

    public required FaultAction Action { get; init; }

    public int ExitCode { get; init; } = 1;

    public string Stderr { get; init; } = "[-32098] simulated failure";

    public int DelayMs { get; init; }

    public string Output { get; init; } = "[\n  {\n    \"id\": \"01J6BWXMDPEP62AN";
}
