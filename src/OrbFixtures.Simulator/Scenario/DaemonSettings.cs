namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// The simulated OrbStack service: its status at first, and optionally the status it switches to after a number
/// of invocations (counted across processes).
/// </summary>
internal sealed record DaemonSettings(string Status, string Then, int AfterCalls, string Key)
{
    public const string Running = "Running";
    public const string Stopped = "Stopped";
    public const string Starting = "Starting";

    public static readonly IReadOnlyList<string> Statuses = [Running, Stopped, Starting];

    public static DaemonSettings Default { get; } = new(Running, Running, 0, "");
}
