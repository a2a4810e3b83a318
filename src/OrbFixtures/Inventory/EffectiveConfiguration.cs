using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OrbFixtures.Inventory;

/// <summary>Where a configuration value came from. Later sources win: default &lt; environment &lt; runsettings (the
/// test host starts with the runsettings variables set over its inherited environment).</summary>
public enum ConfigurationSource
{
    /// <summary>The built-in default.</summary>
    Default,
    /// <summary>An environment variable.</summary>
    Environment,
    /// <summary>A <c>.runsettings</c> file's <c>RunConfiguration/EnvironmentVariables</c>.</summary>
    RunSettings,
}

/// <summary>One configuration key with its effective value and its source.</summary>
/// <param name="Key">The variable, e.g. <c>ORBFIXTURES_TIMEOUT_CREATE</c>.</param>
/// <param name="Value">The effective value as text (durations as <c>hh:mm:ss</c>), or <see langword="null"/> when
/// unset (e.g. no report).</param>
/// <param name="Source">Where it came from.</param>
public sealed record ConfigurationSetting(string Key, string? Value, ConfigurationSource Source);

/// <summary>
/// The configuration a test run would use, with where each value came from: the <c>ORBFIXTURES_*</c> variables of an
/// environment, optionally overlaid by a <c>.runsettings</c> file, read by the same code as a test run
/// (<see cref="OrbFixturesConfiguration.FromEnvironment"/>).
/// </summary>
/// <param name="Options">The options a test run would use.</param>
/// <param name="Settings">Every key with its effective value and source, in a stable order.</param>
/// <param name="OrbctlEnvironment">The variables of the runsettings file that are not <c>ORBFIXTURES_*</c>, which the
/// test host (and so <c>orbctl</c>) would see; also in <see cref="OrbFixturesOptions.OrbctlEnvironment"/>.</param>
public sealed record EffectiveConfiguration(
    OrbFixturesOptions Options, IReadOnlyList<ConfigurationSetting> Settings, IReadOnlyDictionary<string, string> OrbctlEnvironment)
{
    private const string Prefix = "ORBFIXTURES_";

    /// <summary>Reads the configuration of <paramref name="environment"/>, overlaid by the environment variables of
    /// <paramref name="runSettingsPath"/> when given.</summary>
    /// <param name="environment">The environment (usually this process's).</param>
    /// <param name="runSettingsPath">A <c>.runsettings</c> file, or <see langword="null"/>.</param>
    /// <param name="options">The options to start from (<see langword="null"/>: the defaults).</param>
    /// <exception cref="OrbFixturesConfigurationException">A value is invalid (the key, value and rule are named).</exception>
    /// <exception cref="InvalidDataException">The runsettings file cannot be read or is not a runsettings file.</exception>
    public static EffectiveConfiguration Read(
        IReadOnlyDictionary<string, string?> environment, string? runSettingsPath = null, OrbFixturesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var fromFile = runSettingsPath is null ? new Dictionary<string, string>() : ReadRunSettings(runSettingsPath);
        var merged = new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        foreach (var (key, value) in fromFile) merged[key] = value;
        var orbctlEnvironment = fromFile.Where(e => !e.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var start = options ?? new OrbFixturesOptions();
        var extra = new Dictionary<string, string>(start.OrbctlEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in orbctlEnvironment) extra[key] = value;
        var effective = OrbFixturesConfiguration.FromEnvironment(start with { OrbctlEnvironment = extra }, merged);
        var settings = Values(effective)
            .Select(v => new ConfigurationSetting(v.Key, v.Value, SourceOf(v.Key, environment, fromFile)))
            .ToList();
        return new EffectiveConfiguration(effective, settings, orbctlEnvironment);
    }

    /// <summary>The <c>RunConfiguration/EnvironmentVariables</c> of a <c>.runsettings</c> file.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read or is not a runsettings file.</exception>
    public static IReadOnlyDictionary<string, string> ReadRunSettings(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        XDocument document;
        try
        {
            // No DTDs and no external entities: a settings file is data, never a fetch.
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            throw new InvalidDataException($"The runsettings file '{path}' cannot be read: {e.Message}", e);
        }
        if (document.Root?.Name.LocalName != "RunSettings")
            throw new InvalidDataException($"'{path}' is not a runsettings file: its root element is not <RunSettings>.");
        var variables = document.Root.Element("RunConfiguration")?.Element("EnvironmentVariables")?.Elements() ?? [];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables) result[variable.Name.LocalName] = variable.Value;
        return result;
    }

    private static ConfigurationSource SourceOf(string key, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string> fromFile) =>
        fromFile.TryGetValue(key, out var f) && !string.IsNullOrWhiteSpace(f) ? ConfigurationSource.RunSettings
        : environment.TryGetValue(key, out var e) && !string.IsNullOrWhiteSpace(e) ? ConfigurationSource.Environment
        : ConfigurationSource.Default;

    private static IEnumerable<KeyValuePair<string, string?>> Values(OrbFixturesOptions o)
    {
        yield return new(OrbFixturesConfiguration.OrbctlKey, o.OrbctlPath);
        yield return new(OrbFixturesConfiguration.RequireKey, Flag(o.Require));
        yield return new(OrbFixturesConfiguration.AutoStartKey, Flag(o.AutoStart));
        yield return new(OrbFixturesConfiguration.WatchdogKey, Flag(o.Watchdog));
        yield return new(OrbFixturesConfiguration.VerifyBeforeEachTestKey, Flag(o.VerifyBeforeEachTest));
        yield return new(OrbFixturesConfiguration.MaxAttemptsKey, o.Retry.MaxAttempts.ToString(CultureInfo.InvariantCulture));
        yield return new(OrbFixturesConfiguration.MaxParallelCreatesKey, o.MaxParallelCreates.ToString(CultureInfo.InvariantCulture));
        yield return new(OrbFixturesConfiguration.MaxOutputKey, o.MaxOutputBytes.ToString(CultureInfo.InvariantCulture));
        yield return new(OrbFixturesConfiguration.PollIntervalKey, Duration(o.PollInterval));
        yield return new(OrbFixturesConfiguration.WaitTimeoutKey, o.WaitTimeout is { } waitTimeout ? Duration(waitTimeout) : null);
        yield return new(OrbFixturesConfiguration.WaitPollIntervalKey, o.WaitPollInterval is { } waitPoll ? Duration(waitPoll) : null);
        yield return new(OrbFixturesConfiguration.CleanupKey, o.Cleanup switch
        {
            CleanupPolicy.KeepOnFailure => "keep-on-failure",
            var policy => policy.ToString().ToLowerInvariant(),
        });
        yield return new(OrbFixturesConfiguration.NamePrefixKey, o.NamePrefix);
        yield return new(OrbFixturesConfiguration.StateDirectoryKey, o.StateDirectory);
        yield return new(OrbFixturesConfiguration.ReuseRetentionKey, Duration(o.ReuseRetention));
        yield return new(OrbFixturesConfiguration.ReportKey, o.ReportPath);
        yield return new(OrbFixturesConfiguration.TemplatesKey, o.Templates.ToString().ToLowerInvariant());
        yield return new(OrbFixturesConfiguration.TemplateMaxAgeKey, Duration(o.TemplateMaxAge));
        foreach (var operation in Enum.GetValues<Operation>())
            yield return new(OrbFixturesConfiguration.TimeoutKey(operation), Duration(o.Timeouts[operation]));
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
