namespace OrbFixtures.OrbCtl;

/// <summary>
/// The one place where secrets are taken out of what the client records: argv, output excerpts and exception
/// messages. It redacts the value of <c>--set-password=VALUE</c> (how some wrappers pass a password) and every
/// value the caller marked as secret. Standard input is never recorded at all, so it needs no redaction.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a redacted value is replaced by.</summary>
    public const string Mask = "***";

    private const string PasswordFlag = "--set-password=";

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string>? secrets = null)
    {
        // Longest first, so a secret that contains another one is masked as a whole.
        _secrets = (secrets ?? []).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>A redactor that knows no caller secrets (still masks <c>--set-password=</c>).</summary>
    public static SecretRedactor None { get; } = new();

    /// <summary>The argv with every secret masked.</summary>
    public IReadOnlyList<string> Argv(IEnumerable<string> argv) => argv.Select(Argument).ToArray();

    /// <summary>One argument with every secret masked.</summary>
    public string Argument(string argument)
    {
        if (argument.StartsWith(PasswordFlag, StringComparison.Ordinal)) return PasswordFlag + Mask;
        return Text(argument);
    }

    /// <summary>Free text (output, messages) with every marked secret masked.</summary>
    public string Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
