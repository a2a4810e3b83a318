namespace OrbFixtures.Simulator.Scenario;

/// <summary>A canned answer for <c>orbctl run</c>, matched by machine glob and exact argv before the built-ins.</summary>
internal sealed record ScriptedResponse(string? Machine, IReadOnlyList<string> Command, string Stdout, string Stderr, int ExitCode);
