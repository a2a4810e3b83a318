using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>The <see cref="IOrbCtlClient"/> that runs the real <c>orbctl</c> (or the simulator) through CliWrap.</summary>
public sealed partial class OrbCtlClient : IOrbCtlClient
{
    private readonly OperationExecutor _executor;

    /// <summary>Creates a client with the given options.</summary>
    /// <exception cref="OrbFixturesConfigurationException">An option is invalid; the message names it, its value and the rule.</exception>
    public OrbCtlClient(OrbCtlClientOptions? options = null)
        : this(options ?? new OrbCtlClientOptions(), new CliWrapProcessRunner((options ?? new OrbCtlClientOptions()).TimeProvider ?? TimeProvider.System))
    {
    }

    /// <summary>Creates a client that starts its processes through <paramref name="runner"/> (tests pass a fake).</summary>
    internal OrbCtlClient(OrbCtlClientOptions options, IOrbCtlProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        Validate(options);
        Options = options;
        _executor = new OperationExecutor(options, runner);
    }

    /// <summary>The options this client runs with.</summary>
    public OrbCtlClientOptions Options { get; }

    private Task<T> ExecuteAsync<T>(Operation operation, string[] arguments, Func<OrbCtlProcessResult, Interpretation<T>> interpret,
        AttemptHistory? history, CancellationToken cancellationToken, IReadOnlyCollection<string>? secrets = null) =>
        _executor.ExecuteAsync(
            new OrbCtlInvocation(operation, arguments, Options.Timeouts[operation], Redactor: secrets is null ? null : new SecretRedactor(secrets)),
            (result, _) => interpret(result), history, cancellationToken);

    private static void Validate(OrbCtlClientOptions options)
    {
        const string prefix = nameof(OrbCtlClientOptions) + ".";
        if (string.IsNullOrWhiteSpace(options.OrbctlPath))
            throw Invalid(nameof(options.OrbctlPath), options.OrbctlPath, "the path of orbctl or the bare name 'orbctl'");
        if (options.Timeouts is null) throw Invalid(nameof(options.Timeouts), null, "a timeout table (OperationTimeouts.Default)");
        if (options.TimeProvider is null) throw Invalid(nameof(options.TimeProvider), null, "a clock (TimeProvider.System)");
        if (options.EnvironmentVariables is null) throw Invalid(nameof(options.EnvironmentVariables), null, "a dictionary (empty for none)");
        OptionRanges.MaxOutputBytes.Check(options.MaxOutputBytes, prefix + nameof(options.MaxOutputBytes));
        OrbFixturesOptionsValidation.ValidateEnvironment(options.EnvironmentVariables, prefix + nameof(options.EnvironmentVariables));
        var retry = options.Retry ?? throw Invalid(nameof(options.Retry), null, "retry options (new OrbCtlRetryOptions())");
        OrbFixturesOptionsValidation.ValidateRetry(retry, prefix + nameof(options.Retry) + ".");

        static OrbFixturesConfigurationException Invalid(string property, string? value, string expected) =>
            new(prefix + property, value ?? "null", expected);
    }
}
