using System.Collections;
using OrbFixtures.Configuration;
using OrbFixtures.Validation;

namespace OrbFixtures;

/// <summary>
/// Reads <see cref="OrbFixturesOptions"/> from environment variables (<c>ORBFIXTURES_*</c>). Precedence is
/// defaults &lt; code (the options passed in) &lt; environment. A variable that is unset or empty leaves the value
/// alone; a variable with an invalid value throws <see cref="OrbFixturesConfigurationException"/> — never a
/// silent default.
/// </summary>
public static class OrbFixturesConfiguration
{
    /// <summary><c>ORBFIXTURES_ORBCTL</c>: path of <c>orbctl</c> (<see cref="OrbFixturesOptions.OrbctlPath"/>).</summary>
    public const string OrbctlKey = "ORBFIXTURES_ORBCTL";

    /// <summary><c>ORBFIXTURES_REQUIRE</c>: fail instead of skip when OrbStack is absent.</summary>
    public const string RequireKey = "ORBFIXTURES_REQUIRE";

    /// <summary><c>ORBFIXTURES_AUTOSTART</c>: run <c>orbctl start</c> when OrbStack is stopped.</summary>
    public const string AutoStartKey = "ORBFIXTURES_AUTOSTART";

    /// <summary>Prefix of the per-operation timeout keys, e.g. <c>ORBFIXTURES_TIMEOUT_CREATE</c>.</summary>
    public const string TimeoutKeyPrefix = "ORBFIXTURES_TIMEOUT_";

    /// <summary><c>ORBFIXTURES_MAX_ATTEMPTS</c>: attempts in total for a transient failure.</summary>
    public const string MaxAttemptsKey = "ORBFIXTURES_MAX_ATTEMPTS";

    /// <summary><c>ORBFIXTURES_MAX_PARALLEL_CREATES</c>: creates allowed at once in one process.</summary>
    public const string MaxParallelCreatesKey = "ORBFIXTURES_MAX_PARALLEL_CREATES";

    /// <summary><c>ORBFIXTURES_POLL_INTERVAL</c>: how often the watchdog and reconciliation poll.</summary>
    public const string PollIntervalKey = "ORBFIXTURES_POLL_INTERVAL";

    /// <summary><c>ORBFIXTURES_WAIT_TIMEOUT</c>: how long a wait strategy without a timeout of its own may wait.</summary>
    public const string WaitTimeoutKey = "ORBFIXTURES_WAIT_TIMEOUT";

    /// <summary><c>ORBFIXTURES_WAIT_POLL_INTERVAL</c>: the pause between two looks of a wait strategy without an interval of its own.</summary>
    public const string WaitPollIntervalKey = "ORBFIXTURES_WAIT_POLL_INTERVAL";

    /// <summary><c>ORBFIXTURES_CLEANUP</c>: delete|stop|keep|keep-on-failure.</summary>
    public const string CleanupKey = "ORBFIXTURES_CLEANUP";

    /// <summary><c>ORBFIXTURES_NAME_PREFIX</c>: first part of every machine name.</summary>
    public const string NamePrefixKey = "ORBFIXTURES_NAME_PREFIX";

    /// <summary><c>ORBFIXTURES_STATE_DIR</c>: where the ownership ledger lives.</summary>
    public const string StateDirectoryKey = "ORBFIXTURES_STATE_DIR";

    /// <summary>How long an unused reusable machine is kept (a duration).</summary>
    public const string ReuseRetentionKey = "ORBFIXTURES_REUSE_RETENTION";

    /// <summary><c>ORBFIXTURES_TEMPLATES</c>: reuse|rebuild|off (<see cref="OrbFixturesOptions.Templates"/>).</summary>
    public const string TemplatesKey = "ORBFIXTURES_TEMPLATES";

    /// <summary><c>ORBFIXTURES_TEMPLATE_MAX_AGE</c>: how long an unused template machine is kept (a duration).</summary>
    public const string TemplateMaxAgeKey = "ORBFIXTURES_TEMPLATE_MAX_AGE";

    /// <summary><c>ORBFIXTURES_REPORT</c>: path of the JSON run report.</summary>
    public const string ReportKey = "ORBFIXTURES_REPORT";

    /// <summary><c>ORBFIXTURES_WATCHDOG</c>: whether a hung create is adopted by the watchdog.</summary>
    public const string WatchdogKey = "ORBFIXTURES_WATCHDOG";

    /// <summary><c>ORBFIXTURES_MAX_OUTPUT</c>: bytes kept of each output stream of a command
    /// (<see cref="OrbFixturesOptions.MaxOutputBytes"/>), 1KiB to 1GiB.</summary>
    public const string MaxOutputKey = "ORBFIXTURES_MAX_OUTPUT";

    /// <summary><c>ORBFIXTURES_VERIFY_BEFORE_TEST</c>: check each machine test's machines are still running before it
    /// runs (<see cref="OrbFixturesOptions.VerifyBeforeEachTest"/>).</summary>
    public const string VerifyBeforeEachTestKey = "ORBFIXTURES_VERIFY_BEFORE_TEST";

    /// <summary>The timeout key of <paramref name="operation"/>, e.g. <c>ORBFIXTURES_TIMEOUT_CREATE</c>.</summary>
    public static string TimeoutKey(Operation operation) => TimeoutKeyPrefix + operation.ToString().ToUpperInvariant();

    /// <summary>
    /// Applies the <c>ORBFIXTURES_*</c> variables of <paramref name="environment"/> (default: this process's
    /// environment) over <paramref name="options"/> (default: the defaults).
    /// </summary>
    /// <exception cref="OrbFixturesConfigurationException">A value is invalid or out of range; the message names the key
    /// (or, for a value set in code, the options property), the value and the expected form or range.</exception>
    public static OrbFixturesOptions FromEnvironment(OrbFixturesOptions? options = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = new ConfigurationValues(environment ?? ProcessEnvironment());
        var o = options ?? new OrbFixturesOptions();

        if (env.Text(OrbctlKey) is { } orbctl) o = o with { OrbctlPath = orbctl };
        if (env.Boolean(RequireKey) is { } require) o = o with { Require = require };
        if (env.Boolean(AutoStartKey) is { } autoStart) o = o with { AutoStart = autoStart };
        if (env.Boolean(WatchdogKey) is { } watchdog) o = o with { Watchdog = watchdog };
        if (env.Boolean(VerifyBeforeEachTestKey) is { } verify) o = o with { VerifyBeforeEachTest = verify };
        o = o with { Timeouts = ReadTimeouts(env, o.Timeouts ?? OperationTimeouts.Default) };
        if (env.Integer(MaxAttemptsKey, OptionRanges.MaxAttempts) is { } attempts)
            o = o with { Retry = (o.Retry ?? new OrbCtlRetryOptions()) with { MaxAttempts = attempts } };
        if (env.Integer(MaxParallelCreatesKey, OptionRanges.MaxParallelCreates) is { } parallel) o = o with { MaxParallelCreates = parallel };
        if (env.ByteCount(MaxOutputKey, OptionRanges.MaxOutputBytes) is { } maxOutput) o = o with { MaxOutputBytes = maxOutput };
        if (env.Duration(PollIntervalKey, OptionRanges.PollInterval) is { } poll) o = o with { PollInterval = poll };
        if (env.Duration(WaitTimeoutKey, OptionRanges.AttemptTimeout) is { } waitTimeout) o = o with { WaitTimeout = waitTimeout };
        if (env.Duration(WaitPollIntervalKey, OptionRanges.PollInterval) is { } waitPoll) o = o with { WaitPollInterval = waitPoll };
        if (env.Cleanup(CleanupKey) is { } cleanup) o = o with { Cleanup = cleanup };
        if (env.NamePrefix(NamePrefixKey) is { } prefix) o = o with { NamePrefix = prefix };
        if (env.FilePath(StateDirectoryKey) is { } stateDir) o = o with { StateDirectory = stateDir };
        if (env.Duration(ReuseRetentionKey, OptionRanges.ReuseRetention) is { } retention) o = o with { ReuseRetention = retention };
        if (env.FilePath(ReportKey) is { } report) o = o with { ReportPath = report };
        if (env.Templates(TemplatesKey) is { } templates) o = o with { Templates = templates };
        if (env.Duration(TemplateMaxAgeKey, OptionRanges.TemplateMaxAge) is { } maxAge) o = o with { TemplateMaxAge = maxAge };
        // Every variable was checked as it was read, so what is still out of range was set in code: the validation
        // names the property.
        OrbFixturesOptionsValidation.Validate(o);
        return o;
    }

    private static OperationTimeouts ReadTimeouts(ConfigurationValues env, OperationTimeouts timeouts)
    {
        // A misspelt operation (ORBFIXTURES_TIMEOUT_CRAETE) would otherwise be ignored and the default used silently.
        var known = Enum.GetValues<Operation>().ToDictionary(TimeoutKey);
        foreach (var key in env.KeysStartingWith(TimeoutKeyPrefix))
        {
            if (!known.ContainsKey(key))
                throw new OrbFixturesConfigurationException(key, env.Raw(key) ?? "",
                    $"a known operation after {TimeoutKeyPrefix}: one of {string.Join(", ", known.Keys)}");
        }
        foreach (var (key, operation) in known)
        {
            if (env.Duration(key, OptionRanges.AttemptTimeout) is { } timeout) timeouts = timeouts.With(operation, timeout);
        }
        return timeouts;
    }

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = entry.Value as string;
        return result;
    }
}
