using System.Globalization;
using System.Text.RegularExpressions;

namespace OrbFixtures.Validation;

/// <summary>
/// The name rules, each stated once: OrbStack's machine-name rule (its validator's pattern
/// <c>^[a-zA-Z0-9][a-zA-Z0-9-.]+$</c> and reserved names; OrbStack enforces no length, but the name becomes the
/// machine's hostname, a DNS label of at most 63 characters), and the two rules OrbFixtures derives from it for the
/// parts it composes names from: the name prefix and the logical name. Checked before any process starts.
/// </summary>
internal static partial class MachineNames
{
    /// <summary>Longest name OrbFixtures accepts: a machine's name is its hostname, a DNS label.</summary>
    public const int MaxLength = 63;

    /// <summary>The longest name prefix: it leaves room for the session id and a logical name within
    /// <see cref="MaxLength"/> characters.</summary>
    public const int MaxPrefixLength = 20;

    /// <summary>What a valid name prefix looks like (the one statement of the rule, for every error that cites it).</summary>
    public static readonly string PrefixRule = string.Create(CultureInfo.InvariantCulture,
        $"1 to {MaxPrefixLength} letters, digits, '-' or '.', starting with a letter or digit and not ending with '-' or '.' (it starts every machine name)");

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

    /// <summary>Why <paramref name="prefix"/> cannot start machine names (<see cref="PrefixRule"/>), or <see langword="null"/>.</summary>
    public static string? PrefixProblem(string? prefix) =>
        string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength
        || Problem(prefix + "-x") is not null || prefix.EndsWith('-') || prefix.EndsWith('.')
            ? PrefixRule
            : null;

    /// <summary>Why <paramref name="logicalName"/> cannot end a machine name (<c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>),
    /// or <see langword="null"/>. The composed name is checked again once the prefix and session are known.</summary>
    public static string? LogicalNameProblem(string? logicalName)
    {
        if (logicalName is { Length: >= MaxLength })
            return $"Logical machine name '{logicalName}' is {logicalName.Length} characters long; the machine name it becomes " +
                   $"(<prefix>-<session>-{logicalName}) must be at most {MaxLength} characters, so use a shorter logical name";
        // The logical name ends the real name, so it must satisfy the same character rules (one character is enough
        // there: "x" completes the two-character minimum).
        if (string.IsNullOrEmpty(logicalName) || Problem(logicalName + "x") is not null || Reserved.Contains(logicalName))
            return $"Logical machine name '{logicalName}' is invalid: use letters, digits, '-' and '.', starting with a " +
                   "letter or digit (no '_' or spaces), and not a reserved name (" + string.Join(", ", Reserved) + ")";
        return null;
    }
}
