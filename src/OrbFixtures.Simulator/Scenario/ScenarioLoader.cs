using System.Text.Json;

namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// Reads and validates an ORBSIM_SCENARIO file. Strict on purpose: an unknown key, op, action or status, a negative
/// number or bad JSON is a <see cref="ScenarioException"/>, so a typo never silently disables a fault.
/// </summary>
internal static class ScenarioLoader
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="path">The scenario file; null or empty for the defaults.</param>
    /// <param name="canonicalOp">Maps a subcommand name or alias to its canonical name, or null when unknown.</param>
    public static SimulationScenario Load(string? path, Func<string, string?> canonicalOp)
    {
        if (string.IsNullOrEmpty(path)) return SimulationScenario.Default;
        if (!File.Exists(path)) throw new ScenarioException("file not found");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), s_options);
        }
        catch (JsonException e)
        {
            // The parser's message ends with its own zero-based " Path: … | LineNumber: …" suffix; say it once, one-based.
            var message = e.Message.Split(" Path: ")[0].Split(" LineNumber: ")[0];
            throw new ScenarioException($"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {message}");
        }

        using (document)
        {
            var root = new JsonFields(
                document.RootElement, "", "hostArch", "hostCpus", "version", "timeScale", "durations", "daemon", "run", "faults", "addresses");
            var defaults = SimulationScenario.Default;
            var time = new SimulatedTime(root.Integer("timeScale", 1, 1_000_000) ?? defaults.Time.Scale);
            return new SimulationScenario
            {
                HostArch = root.OneOf("hostArch", ["arm64", "amd64"]) ?? defaults.HostArch,
                HostCpus = root.Integer("hostCpus", 1, 1024) ?? defaults.HostCpus,
                Version = Version(root) ?? defaults.Version,
                Time = time,
                Durations = ReadDurations(root).ScaledBy(time),
                Daemon = ReadDaemon(root),
                Run = root.Array("run").Select(e => ReadResponse(e.Item, e.Path)).ToList(),
                Faults = root.Array("faults").Select(e => FaultReader.Read(e.Item, e.Path, canonicalOp)).ToList(),
                Addresses = root.Array("addresses").Select(e => ReadAddress(e.Item, e.Path)).ToList(),
            };
        }
    }

    private static string? Version(JsonFields root)
    {
        var version = root.String("version");
        if (version is null) return null;
        var parts = version.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit))
            ? version
            : throw new ScenarioException($"'version' must look like 2.2.3 (got '{version}')");
    }

    private static Durations ReadDurations(JsonFields root)
    {
        if (root.Element("durations") is not { } element) return Durations.Test;
        var d = new JsonFields(
            element, "durations", "profile", "create", "provisioning", "cloudInit", "start", "cloneFirstBoot", "stop", "restart",
            "delete", "clone", "daemonStart");
        var profiles = new[] { Durations.TestProfile, Durations.PublishedProfile };
        var defaults = Durations.Profile(d.OneOf("profile", profiles) ?? Durations.TestProfile)!;
        return new Durations
        {
            Create = d.Integer("create") ?? defaults.Create,
            Provisioning = d.Integer("provisioning") ?? defaults.Provisioning,
            CloudInit = d.Integer("cloudInit") ?? defaults.CloudInit,
            Start = d.Integer("start") ?? defaults.Start,
            CloneFirstBoot = d.Integer("cloneFirstBoot") ?? defaults.CloneFirstBoot,
            Stop = d.Integer("stop") ?? defaults.Stop,
            Restart = d.Integer("restart") ?? defaults.Restart,
            Delete = d.Integer("delete") ?? defaults.Delete,
            Clone = d.Integer("clone") ?? defaults.Clone,
            DaemonStart = d.Integer("daemonStart") ?? defaults.DaemonStart,
        };
    }

    private static DaemonSettings ReadDaemon(JsonFields root)
    {
        if (root.Element("daemon") is not { } element) return DaemonSettings.Default;
        var d = new JsonFields(element, "daemon", "status", "then", "afterCalls");
        return new DaemonSettings(
            d.OneOf("status", DaemonSettings.Statuses) ?? DaemonSettings.Running,
            d.OneOf("then", DaemonSettings.Statuses) ?? DaemonSettings.Running,
            d.Integer("afterCalls") ?? 0,
            element.GetRawText());
    }

    private static ScriptedResponse ReadResponse(JsonElement element, string path)
    {
        var r = new JsonFields(
            element, path, "machine", "command", "stdout", "stderr", "exitCode", "afterCalls", "afterMs", "durationMs", "execute");
        var command = r.Strings("command");
        if (command is not { Count: > 0 })
            throw new ScenarioException($"'{r.PathOf("command")}' is required: the exact argv to answer, e.g. [\"uname\", \"-a\"]");
        var execute = r.Boolean("execute") ?? false;
        // A rule that runs the built-in has no canned answer: the program's own output and exit code are the answer.
        if (execute && new[] { "stdout", "stderr", "exitCode" }.FirstOrDefault(r.Has) is { } canned)
            throw new ScenarioException($"'{r.PathOf(canned)}' is not valid with 'execute': true (the built-in program answers)");
        return new ScriptedResponse(
            r.String("machine"), command, r.String("stdout") ?? "", r.String("stderr") ?? "", r.Integer("exitCode", 0, 255) ?? 0,
            r.Integer("durationMs") ?? 0, execute)
        {
            AfterCalls = r.Integer("afterCalls"),
            AfterMs = r.Integer("afterMs"),
        };
    }

    private static AddressPin ReadAddress(JsonElement element, string path)
    {
        var a = new JsonFields(element, path, "machine", "ip4", "ip6");
        var machine = a.String("machine") ?? throw new ScenarioException($"'{a.PathOf("machine")}' is required: a glob on machine names, e.g. \"of-*-web\"");
        var ip4 = a.String("ip4");
        var ip6 = a.String("ip6");
        if (ip4 is not null && !(System.Net.IPAddress.TryParse(ip4, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
            throw new ScenarioException($"'{a.PathOf("ip4")}' must be an IPv4 address such as 127.0.0.1 (got '{ip4}')");
        if (ip6 is not null && !(System.Net.IPAddress.TryParse(ip6, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            throw new ScenarioException($"'{a.PathOf("ip6")}' must be an IPv6 address such as ::1 (got '{ip6}')");
        if (ip4 is null && ip6 is null) throw new ScenarioException($"'{path}' pins nothing: give 'ip4', 'ip6' or both");
        return new AddressPin(machine, ip4, ip6);
    }
}
