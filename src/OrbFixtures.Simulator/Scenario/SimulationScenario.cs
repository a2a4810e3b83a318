namespace OrbFixtures.Simulator.Scenario;

/// <summary>Everything ORBSIM_SCENARIO can configure; <see cref="Default"/> when no scenario is given.</summary>
internal sealed record SimulationScenario
{
    public static SimulationScenario Default { get; } = new();

    /// <summary><c>arm64</c> (Apple Silicon) or <c>amd64</c> (Intel): the native arch and the accepted ones.</summary>
    public string HostArch { get; init; } = "arm64";

    /// <summary>The simulated Mac's CPU cores: the most a machine may be given, and what <c>nproc</c> shows in a guest.</summary>
    public int HostCpus { get; init; } = 8;

    /// <summary>The OrbStack version <c>orbctl version</c> reports.</summary>
    public string Version { get; init; } = "2.2.3";

    /// <summary>How much faster than wall-clock time simulated time runs.</summary>
    public SimulatedTime Time { get; init; } = SimulatedTime.RealTime;

    /// <summary>Phase durations, already scaled to wall-clock milliseconds by <see cref="Time"/>.</summary>
    public Durations Durations { get; init; } = Durations.Test;

    public DaemonSettings Daemon { get; init; } = DaemonSettings.Default;

    public IReadOnlyList<ScriptedResponse> Run { get; init; } = [];

    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>Pinned addresses of machines, first match wins (<see cref="AddressPin"/>).</summary>
    public IReadOnlyList<AddressPin> Addresses { get; init; } = [];
}
