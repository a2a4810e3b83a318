namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// A scenario file that cannot be used. Reported as <c>orbsim: invalid scenario 'PATH': PROBLEM</c>, exit 2.
/// </summary>
internal sealed class ScenarioException(string problem) : Exception(problem);
