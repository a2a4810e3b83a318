namespace OrbFixtures.Simulator.Scenario;

/// <summary>Everything ORBSIM_SCENARIO can configure; <see cref="Default"/> when no scenario is given.</summary>
internal sealed record SimulationScenario
{
    public static SimulationScenario Default { get; } = new();

    /// <summary><c>arm64</c> (Apple Silicon) or <c>amd64</c> (Intel): the native arch and the accepted ones.</summary>
    public string HostArch { get; init; } = "arm64";

    /// <summary>The OrbStack version <c>orbctl version</c> reports.</summary>
    public string Version { get; init; } = "2.2.3";

    public Durations Durations { get; init; } = new();

    public DaemonSettings Daemon { get; init; } = DaemonSettings.Default;

    public IReadOnlyList<ScriptedResponse> Run { get; init; } = [];

    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>Pinned addresses of machines, first match wins (<see cref="AddressPin"/>).</summary>
    public IReadOnlyList<AddressPin> Addresses { get; init; } = [];
}
