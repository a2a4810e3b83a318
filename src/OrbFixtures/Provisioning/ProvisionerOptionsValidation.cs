using System.Globalization;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Provisioning;

/// <summary>Rejects provisioner options that cannot work, naming the setting, the value and the rule.</summary>
internal static class ProvisionerOptionsValidation
{
    public static void Validate(OrbFixturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.PollInterval > TimeSpan.Zero && options.PollInterval != Timeout.InfiniteTimeSpan,
            nameof(options.PollInterval), options.PollInterval, "a positive, finite duration");
        Check(options.MaxParallelCreates >= 1, nameof(options.MaxParallelCreates), options.MaxParallelCreates, "at least 1");
        Check(options.MaxOutputBytes is >= OrbCtlClientOptions.MinMaxOutputBytes and <= OrbCtlClientOptions.MaxMaxOutputBytes,
            nameof(options.MaxOutputBytes), options.MaxOutputBytes, "1024 (1 KiB) to 1073741824 (1 GiB) bytes");
        Check(options.CommandHistorySize >= 0, nameof(options.CommandHistorySize), options.CommandHistorySize, "0 or more");
        Check(!string.IsNullOrWhiteSpace(options.StateDirectory), nameof(options.StateDirectory), options.StateDirectory, "a directory path");
        Check(options.Retry is { MaxAttempts: >= 1 }, "Retry.MaxAttempts", options.Retry?.MaxAttempts, "at least 1");
        Check(options.Retry is { } r && r.BaseDelay >= TimeSpan.Zero && r.MaxDelay >= r.BaseDelay,
            "Retry.BaseDelay/MaxDelay", $"{options.Retry?.BaseDelay}/{options.Retry?.MaxDelay}", "0 <= BaseDelay <= MaxDelay");
        Check(options.ReuseRetention >= TimeSpan.Zero && options.ReuseRetention <= TimeSpan.FromDays(3650),
            nameof(options.ReuseRetention), options.ReuseRetention, "a duration from 0 to 3650 days");
        Check(options.Timeouts is not null, nameof(options.Timeouts), null, "a timeout table");
        Check(options.TimeProvider is not null, nameof(options.TimeProvider), null, "a clock");
        Check(options.OrbctlEnvironment is not null, nameof(options.OrbctlEnvironment), null, "a dictionary (empty for none)");
        Check(options.OrbctlPath is null || options.OrbctlPath.Trim().Length > 0, nameof(options.OrbctlPath), options.OrbctlPath,
            "null (search for orbctl) or a path");
        if (MachineNaming.PrefixProblem(options.NamePrefix) is { } problem)
            throw new ArgumentException($"Invalid OrbFixtures option NamePrefix='{options.NamePrefix}': {problem}.", nameof(options));
    }

    private static void Check(bool valid, string setting, object? value, string expected)
    {
        if (!valid)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Invalid OrbFixtures option {setting}='{value ?? "null"}': expected {expected}."), "options");
    }
}
