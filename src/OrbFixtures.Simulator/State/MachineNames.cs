namespace OrbFixtures.Simulator.State;

/// <summary>
/// OrbStack's machine-name rule (reference §4.1): <c>^[a-zA-Z0-9][a-zA-Z0-9-.]+$</c> — at least two characters,
/// alphanumeric first — and not one of the reserved names.
/// </summary>
internal static class MachineNames
{
    public static readonly IReadOnlyList<string> Reserved = ["default", "vm", "host", "services", "gateway", "k8s", "docker"];

    public static bool IsValid(string name) =>
        name.Length >= 2
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
        && !Reserved.Contains(name);
}
