using OrbFixtures.Validation;

namespace OrbFixtures.Configuration;

/// <summary>
/// Rejects options that cannot work, naming the property (as <c>OrbFixturesOptions.PollInterval</c>), the value and
/// the rule, before any <c>orbctl</c> process starts. The ranges are <see cref="OptionRanges"/>, shared with the
/// environment reader.
/// </summary>
internal static class OrbFixturesOptionsValidation
{
    private const string Options = nameof(OrbFixturesOptions) + ".";

    /// <exception cref="OrbFixturesConfigurationException">An option is invalid.</exception>
    public static void Validate(OrbFixturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionRanges.PollInterval.Check(options.PollInterval, Options + nameof(options.PollInterval));
        if (options.WaitTimeout is { } waitTimeout) OptionRanges.AttemptTimeout.Check(waitTimeout, Options + nameof(options.WaitTimeout));
        if (options.WaitPollInterval is { } waitPoll) OptionRanges.PollInterval.Check(waitPoll, Options + nameof(options.WaitPollInterval));
        OptionRanges.MaxParallelCreates.Check(options.MaxParallelCreates, Options + nameof(options.MaxParallelCreates));
        OptionRanges.CommandHistorySize.Check(options.CommandHistorySize, Options + nameof(options.CommandHistorySize));
        OptionRanges.MaxOutputBytes.Check(options.MaxOutputBytes, Options + nameof(options.MaxOutputBytes));
        OptionRanges.ReuseRetention.Check(options.ReuseRetention, Options + nameof(options.ReuseRetention));
        OptionRanges.TemplateMaxAge.Check(options.TemplateMaxAge, Options + nameof(options.TemplateMaxAge));
        if (!Enum.IsDefined(options.Templates))
            throw new OrbFixturesConfigurationException(Options + nameof(options.Templates), options.Templates.ToString(), "Reuse, Rebuild or Off");
        Require(!string.IsNullOrWhiteSpace(options.StateDirectory), nameof(options.StateDirectory), options.StateDirectory, "a directory path");
        Require(options.Timeouts is not null, nameof(options.Timeouts), null, "a timeout table (OperationTimeouts.Default)");
        Require(options.TimeProvider is not null, nameof(options.TimeProvider), null, "a clock (TimeProvider.System)");
        Require(options.OrbctlPath is null || options.OrbctlPath.Trim().Length > 0, nameof(options.OrbctlPath), options.OrbctlPath,
            "null (search for orbctl) or a path");
        Require(MachineNames.PrefixProblem(options.NamePrefix) is null, nameof(options.NamePrefix), options.NamePrefix, MachineNames.PrefixRule);
        Require(options.Retry is not null, nameof(options.Retry), null, "retry options (new OrbCtlRetryOptions())");
        ValidateRetry(options.Retry!, Options + nameof(options.Retry) + ".");
        Require(options.OrbctlEnvironment is not null, nameof(options.OrbctlEnvironment), null, "a dictionary (empty for none)");
        ValidateEnvironment(options.OrbctlEnvironment!, Options + nameof(options.OrbctlEnvironment));
    }

    /// <summary>The retry options' ranges; <paramref name="prefix"/> says where they were set (e.g. <c>OrbFixturesOptions.Retry.</c>).</summary>
    public static void ValidateRetry(OrbCtlRetryOptions retry, string prefix)
    {
        OptionRanges.MaxAttempts.Check(retry.MaxAttempts, prefix + nameof(retry.MaxAttempts));
        OptionRanges.RetryDelay.Check(retry.BaseDelay, prefix + nameof(retry.BaseDelay));
        OptionRanges.RetryDelay.Check(retry.MaxDelay, prefix + nameof(retry.MaxDelay));
        if (retry.MaxDelay < retry.BaseDelay)
            throw new OrbFixturesConfigurationException(prefix + nameof(retry.MaxDelay), Text(retry.MaxDelay),
                $"at least {prefix}{nameof(retry.BaseDelay)} ({Text(retry.BaseDelay)})");
    }

    /// <summary>Names of extra environment variables for orbctl: non-empty, without '='.</summary>
    public static void ValidateEnvironment(IReadOnlyDictionary<string, string> environment, string setting)
    {
        foreach (var key in environment.Keys)
        {
            if (string.IsNullOrEmpty(key) || key.Contains('=', StringComparison.Ordinal))
                throw new OrbFixturesConfigurationException(setting, key, "environment variable names that are non-empty and contain no '='");
        }
    }

    private static void Require(bool valid, string property, string? value, string expected)
    {
        if (!valid) throw new OrbFixturesConfigurationException(Options + property, value ?? "null", expected);
    }

    // Stryker disable once String : equivalent: an empty TimeSpan format is the constant ("c") format.
    private static string Text(TimeSpan value) => value.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
