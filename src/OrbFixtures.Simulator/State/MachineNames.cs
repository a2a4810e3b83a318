namespace OrbFixtures.Simulator.State;

/// <summary>
/// OrbStack's machine-name rule: <c>^[a-zA-Z0-9][a-zA-Z0-9-.]+$</c> in Go, where <c>$</c> is the end of the text
/// (.NET's <c>\z</c>) — at least two characters, alphanumeric first, nothing after the last one (not even a newline) —
/// and not one of the reserved names. Checked character by character, so no regex anchor can let a newline through.
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
