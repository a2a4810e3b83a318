using System.Text.RegularExpressions;

namespace OrbFixtures.OrbCtl;

/// <summary>OrbStack's machine-name rules (reference §4.1), checked before any process starts.</summary>
internal static partial class MachineNames
{
    /// <summary>Longest name OrbFixtures accepts: a machine's name is its hostname, a DNS label.</summary>
    public const int MaxLength = 63;

    /// <summary>Names OrbStack reserves.</summary>
    public static readonly IReadOnlySet<string> Reserved =
        new HashSet<string>(["default", "vm", "host", "services", "gateway", "k8s", "docker"], StringComparer.Ordinal);

    // \A and \z, not ^ and $: .NET's $ also matches before a final newline, so "db\n" would pass.
    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9.-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Why <paramref name="name"/> is not a valid machine name, or <see langword="null"/> when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a machine name must not be empty";
        if (name.Length > MaxLength)
            return $"machine name '{name}' is {name.Length} characters long; the limit is {MaxLength} (it becomes a hostname)";
        if (Reserved.Contains(name))
            return $"machine name '{name}' is reserved by OrbStack (reserved: {string.Join(", ", Reserved)})";
        if (!Pattern().IsMatch(name))
            return $"machine name '{name}' is invalid: it must be at least 2 characters, start with a letter or digit, " +
                   "and contain only letters, digits, '-' and '.' (no '_' or spaces)";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the value and the rule when the name is invalid.</summary>
    public static void Validate(string? name, string parameterName)
    {
        if (Problem(name) is { } problem) throw new ArgumentException(problem + ".", parameterName);
    }
}
