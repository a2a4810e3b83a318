namespace OrbFixtures.OrbCtl;

/// <summary>One validated call of an operation: the argv after <c>orbctl</c>, its per-attempt timeout, stdin and
/// what must be redacted when it is recorded, and where its output goes (<see langword="null"/>: captured up to the
/// client's <see cref="OrbCtlClientOptions.MaxOutputBytes"/>).</summary>
internal sealed record OrbCtlInvocation(
    Operation Operation,
    IReadOnlyList<string> Arguments,
    TimeSpan Timeout,
    string? StandardInput = null,
    SecretRedactor? Redactor = null,
    OutputRouting? Output = null)
{
    /// <summary>The number of the call's first attempt: 1, or a create's attempt number across the provisioner's retries.</summary>
    public int FirstAttempt { get; init; } = 1;

    /// <summary>For a create: how many create attempts its provisioner allows (its attempts are numbered across them).</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>For a create: why its caller stopped it, when it did.</summary>
    public CreateStop? Stop { get; init; }

    /// <summary>The redactor in effect (never null).</summary>
    public SecretRedactor Secrets => Redactor ?? SecretRedactor.None;

    /// <summary>The argv as recorded: <c>orbctl</c> first, secrets masked.</summary>
    public IReadOnlyList<string> RecordedArgv { get; } = ["orbctl", .. (Redactor ?? SecretRedactor.None).Argv(Arguments)];
}
