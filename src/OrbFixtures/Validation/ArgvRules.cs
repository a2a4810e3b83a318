namespace OrbFixtures.Validation;

/// <summary>
/// The rules for values that end up in an <c>orbctl</c> argv, each written once. Every check returns why the value
/// breaks its rule (a phrase that quotes the value and says the rule) or <see langword="null"/>; the caller throws,
/// naming what was wrong where the user wrote it: the spec property (<c>MachineSpecValidation</c>), the command of
/// <c>Machine.RunAsync</c>, or the client request (<c>OrbCtlInput</c>). The same value therefore passes or fails
/// in every layer, and it fails in the first one, before any process starts.
/// </summary>
internal static class ArgvRules
{
    /// <summary>Architectures OrbStack accepts on some host (arm64/amd64 on Apple Silicon, amd64/i386 on Intel).</summary>
    public static readonly IReadOnlyList<string> Architectures = ["arm64", "amd64", "i386"];

    /// <summary>What a distro or version token looks like. Deliberately loose: which distros and versions exist is
    /// orbctl's to say (its rejection is classified and fails at once); this only keeps the token one argv word
    /// that orbctl cannot read as a flag or split at ':'.</summary>
    public const string ImageTokenRule = "non-empty, not starting with '-', and without spaces or ':'";

    /// <summary>What a Linux user name looks like here.</summary>
    public const string UserNameRule = "letters, digits, '-', '_' and '.', not starting with '-'";

    /// <summary>Why <paramref name="command"/> (program first) cannot be run, or <see langword="null"/>. The phrase
    /// follows the caller's subject, e.g. "The readiness probe of 'db' " + "is empty; ...".</summary>
    public static string? CommandProblem(IReadOnlyList<string?>? command)
    {
        if (command is null || command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            return "is empty; give a program name and its arguments, e.g. [\"uname\", \"-a\"]";
        if (command[0]!.StartsWith('-'))
            return $"starts with '{command[0]}'; a command must start with a program name, not '-' (orbctl would read it as one of its own flags)";
        return command.Any(a => a is null) ? "contains a null argument" : null;
    }

    /// <summary>Whether <paramref name="token"/> is one argv word for <c>DISTRO[:VERSION]</c> (<see cref="ImageTokenRule"/>).</summary>
    public static bool IsImageToken(string? token) =>
        !string.IsNullOrEmpty(token) && !token.StartsWith('-') && !token.Any(char.IsWhiteSpace) && !token.Contains(':', StringComparison.Ordinal);

    /// <summary>Whether <paramref name="user"/> is a valid user name (<see cref="UserNameRule"/>).</summary>
    public static bool IsUserName(string? user) =>
        !string.IsNullOrEmpty(user) && !user.StartsWith('-') && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Why <paramref name="arch"/> is not an architecture (<see langword="null"/> means native), or <see langword="null"/>.</summary>
    public static string? ArchitectureProblem(string? arch) => arch is null || Architectures.Contains(arch, StringComparer.Ordinal)
        ? null
        : $"Architecture '{arch}' is invalid; use one of {string.Join(", ", Architectures)}, or none for the native one";

    /// <summary>Why a path or other value passed after a flag cannot be, or <see langword="null"/>: orbctl reads a
    /// leading '-' as a flag of its own.</summary>
    public static string? FlagValueProblem(string? value, string what)
    {
        if (string.IsNullOrEmpty(value)) return $"The {what} is empty";
        return value.StartsWith('-')
            ? $"The {what} '{value}' starts with '-', which orbctl would read as a flag; write it as './{value}' or an absolute path"
            : null;
    }
}
