using System.Collections.Concurrent;
using System.Globalization;
using OrbFixtures.Availability;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>
/// Answers "can this test process use OrbStack?": finds <c>orbctl</c> (<see cref="OrbctlLocator"/>) and asks
/// <c>orbctl status</c>. <c>Starting</c> is polled for at most the Start timeout; <c>Stopped</c> runs
/// <c>orbctl start</c> when <see cref="OrbFixturesOptions.AutoStart"/> is set. The answer is computed once per
/// process for each effective orbctl path and environment, so a whole test run pays for one probe.
/// </summary>
public static class OrbStackProbe
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<OrbStackAvailability>>> s_answers = new(StringComparer.Ordinal);

    /// <summary>Probes OrbStack with <paramref name="options"/> (cached for the life of the process).</summary>
    public static Task<OrbStackAvailability> CheckAsync(OrbFixturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OrbStackAvailabilityCheck(options, OrbctlLocator.ForThisProcess(), path => ClientFor(options, path));
        return CheckAsync(check, s_answers);
    }

    /// <summary>The client the probe asks <c>orbctl</c> with.</summary>
    internal static OrbCtlClient ClientFor(OrbFixturesOptions options, string orbctlPath) => new(new OrbCtlClientOptions
    {
        OrbctlPath = orbctlPath,
        Timeouts = options.Timeouts,
        Retry = options.Retry,
        EnvironmentVariables = options.OrbctlEnvironment,
        TimeProvider = options.TimeProvider,
    });

    internal static Task<OrbStackAvailability> CheckAsync(
        OrbStackAvailabilityCheck check, ConcurrentDictionary<string, Lazy<Task<OrbStackAvailability>>> answers)
    {
        var location = check.Locate();
        if (location.Path is null) return Task.FromResult(check.NotFound(location));
        // The probe runs a process and may poll for minutes: every test of the run shares one answer.
        var answer = answers.GetOrAdd(CacheKey(location.Path, check.Options),
            _ => new Lazy<Task<OrbStackAvailability>>(() => check.ProbeAsync(location), LazyThreadSafetyMode.ExecutionAndPublication));
        return answer.Value;
    }

    private static string CacheKey(string orbctlPath, OrbFixturesOptions options) =>
        string.Join('\n', new[] { orbctlPath, options.AutoStart.ToString(CultureInfo.InvariantCulture) }
            .Concat(options.OrbctlEnvironment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")));
}
