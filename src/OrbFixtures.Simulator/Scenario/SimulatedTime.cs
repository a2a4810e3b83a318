namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// Turns the scenario's simulated milliseconds into wall-clock time. Every duration a scenario gives (phases, scripted
/// command costs, <c>delay</c> faults) and the guest's <c>sleep</c> pass <see cref="Scale"/> times faster than real
/// time, so a benchmark can simulate minutes of OrbStack work in a fraction of a second and keep the ratios.
/// </summary>
internal readonly record struct SimulatedTime(int Scale)
{
    public static SimulatedTime RealTime { get; } = new(1);

    public double RealMs(double simulatedMs) => simulatedMs / Scale;

    public TimeSpan Real(double simulatedMs) => TimeSpan.FromMilliseconds(RealMs(simulatedMs));

    public TimeSpan Real(TimeSpan simulated) => simulated / Scale;
}
