using System.Globalization;
using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>The <see cref="IOrbCtlClient"/> that runs the real <c>orbctl</c> (or the simulator) through CliWrap.</summary>
public sealed partial class OrbCtlClient : IOrbCtlClient
{
    private readonly OperationExecutor _executor;

    /// <summary>Creates a client with the given options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the rule.</exception>
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
        AttemptHistory? history, CancellationToken cancellationToken) =>
        _executor.ExecuteAsync(new OrbCtlInvocation(operation, arguments, Options.Timeouts[operation]),
            (result, _) => interpret(result), history, cancellationToken);

    private static void Validate(OrbCtlClientOptions options)
    {
        const string name = "options";
        if (string.IsNullOrWhiteSpace(options.OrbctlPath))
            throw new ArgumentException("OrbCtlClientOptions.OrbctlPath is empty; give the path of orbctl or the bare name 'orbctl'.", name);
        if (options.Timeouts is null) throw new ArgumentException("OrbCtlClientOptions.Timeouts is null.", name);
        if (options.TimeProvider is null) throw new ArgumentException("OrbCtlClientOptions.TimeProvider is null.", name);
        if (options.EnvironmentVariables is null) throw new ArgumentException("OrbCtlClientOptions.EnvironmentVariables is null.", name);
        foreach (var key in options.EnvironmentVariables.Keys)
            if (string.IsNullOrEmpty(key) || key.Contains('=', StringComparison.Ordinal))
                throw new ArgumentException($"Environment variable name '{key}' in OrbCtlClientOptions.EnvironmentVariables is invalid: it must be non-empty and contain no '='.", name);
        if (options.MaxOutputBytes is < OrbCtlClientOptions.MinMaxOutputBytes or > OrbCtlClientOptions.MaxMaxOutputBytes)
            throw new ArgumentException(Invariant(
                $"OrbCtlClientOptions.MaxOutputBytes is {options.MaxOutputBytes}; it must be between {OrbCtlClientOptions.MinMaxOutputBytes} (1 KiB) and {OrbCtlClientOptions.MaxMaxOutputBytes} (1 GiB)."), name);
        var retry = options.Retry ?? throw new ArgumentException("OrbCtlClientOptions.Retry is null.", name);
        var maxDelay = TimeSpan.FromDays(1);
        if (retry.MaxAttempts is < 1 or > 100)
            throw new ArgumentException(Invariant($"OrbCtlRetryOptions.MaxAttempts is {retry.MaxAttempts}; it must be between 1 (no retry) and 100."), name);
        if (retry.BaseDelay < TimeSpan.Zero || retry.BaseDelay > maxDelay)
            throw new ArgumentException(Invariant($"OrbCtlRetryOptions.BaseDelay is {retry.BaseDelay}; it must be between 0 and 1 day."), name);
        if (retry.MaxDelay < retry.BaseDelay || retry.MaxDelay > maxDelay)
            throw new ArgumentException(Invariant($"OrbCtlRetryOptions.MaxDelay is {retry.MaxDelay}; it must be at least BaseDelay ({retry.BaseDelay}) and at most 1 day."), name);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
