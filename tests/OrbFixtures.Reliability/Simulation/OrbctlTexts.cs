namespace OrbFixtures.Reliability.Simulation;

/// <summary>What real orbctl prints when things go wrong (the same texts src/OrbFixtures.Simulator/README.md lists under Errors), for the faults the suite
/// injects: the client classifies failures from these texts, so they must be the real ones.</summary>
internal static class OrbctlTexts
{
    public const string MissingIp = "[-32098] create '{name}': setup: machine didn't start in 30s (missing IP address)";
    public const string ImageNotFound = "[-32098] create '{name}': make rootfs: image not found: {ubuntu plucky arm64 default}";
    public const string Refused = "[-32098] dial unix /Users/dev/.orbstack/run/sconrpc.sock: connect: connection refused";
    public const string ServicesStarting = "timed out waiting for services to start";

    /// <summary>A transient failure of <paramref name="op"/>: a race with another transition, or the daemon's socket.</summary>
    public static string Transient(string op) => op switch
    {
        "create" => MissingIp,
        "start" => "[-32098] cannot transition from stopping to starting",
        "stop" => "[-32098] cannot transition from starting to stopping",
        "delete" => "[-32098] cannot transition from creating to deleting",
        _ => Refused,
    };

    /// <summary>A failure of <paramref name="op"/> that no retry can fix (none of the classifier's transient phrases).</summary>
    public static string Permanent(string op) => op switch
    {
        "create" => ImageNotFound,
        "start" => "[-32098] start '{name}': mount rootfs: input/output error",
        "stop" => "[-32098] stop '{name}': freeze: operation not permitted",
        "delete" => "[-32098] delete '{name}': remove swapfile: read-only file system",
        "run" => "[-32098] run '{name}': exec: permission denied",
        _ => "[-32098] read machine config: unexpected end of JSON input",
    };
}
