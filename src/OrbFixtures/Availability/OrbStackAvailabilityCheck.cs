using System.Globalization;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Availability;

/// <summary>One availability probe: locate orbctl, then ask its status (polling while it starts).</summary>
internal sealed class OrbStackAvailabilityCheck(
    OrbFixturesOptions options, OrbctlLocator locator, Func<string, IOrbCtlClient> clientFactory)
{
    internal const string HowToFix =
        "To fix: install OrbStack (https://orbstack.dev) and open it once so that it links orbctl; or set " +
        OrbFixturesConfiguration.OrbctlKey + " (environment or .runsettings) to the path of orbctl; or, on a machine " +
        "without OrbStack, set " + OrbFixturesConfiguration.OrbctlKey + " to the OrbFixtures simulator's orbctl.";

    public OrbFixturesOptions Options => options;

    public OrbctlLocation Locate() => locator.Locate(options.OrbctlPath);

    public OrbStackAvailability NotFound(OrbctlLocation location) => new(false, null, null,
        $"OrbStack is not available: orbctl was not found. Searched: {string.Join("; ", location.Searched)}. {HowToFix}",
        location.Searched);

    public async Task<OrbStackAvailability> ProbeAsync(OrbctlLocation location)
    {
        var path = location.Path ?? throw new ArgumentException("orbctl was not located.", nameof(location));
        var client = clientFactory(path);
        var time = options.TimeProvider;
        var bound = options.Timeouts[Operation.Start];
        var startedAt = time.GetTimestamp();
        var log = new MachineLog("OrbStack availability");
        var startRequested = false;
        while (true)
        {
            OrbStackStatus status;
            try
            {
                status = await client.GetStatusAsync(log).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OrbCtlException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return Unavailable(location, null, $"'{path} status' failed: {e.Message}");
            }

            if (status == OrbStackStatus.Running)
            {
                var started = startRequested
                    ? $" It was stopped, so OrbFixtures started it ('{path} start', because {OrbFixturesConfiguration.AutoStartKey}=true)."
                    : "";
                return new OrbStackAvailability(true, path, status, $"OrbStack is running (orbctl at {path}).{started}", location.Searched)
                {
                    StartedOrbStack = startRequested,
                };
            }
            if (status == OrbStackStatus.Stopped && !options.AutoStart)
                return Unavailable(location, status,
                    $"OrbStack is installed (orbctl at {path}) but not running (orbctl status: Stopped). Open OrbStack or run " +
                    $"'orbctl start', or set {OrbFixturesConfiguration.AutoStartKey}=true to start it automatically.");
            if (status == OrbStackStatus.Stopped && !startRequested)
            {
                startRequested = true;
                try
                {
                    await client.StartOrbStackAsync(log).ConfigureAwait(false);
                }
                catch (OrbCtlException e)
                {
                    return Unavailable(location, status, $"OrbStack was stopped and '{path} start' failed: {e.Message}");
                }
                continue;
            }

            var waited = time.GetElapsedTime(startedAt);
            if (waited >= bound)
                return Unavailable(location, status,
                    $"OrbStack (orbctl at {path}) was still {status} after {Format(waited)} " +
                    $"(the bound is the Start timeout, {OrbFixturesConfiguration.TimeoutKey(Operation.Start)}={Format(bound)}).");
            await Task.Delay(options.PollInterval, time).ConfigureAwait(false);
        }
    }

    private static OrbStackAvailability Unavailable(OrbctlLocation location, OrbStackStatus? status, string why) =>
        new(false, location.Path, status, $"OrbStack is not available: {why}", location.Searched);

    private static string Format(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
