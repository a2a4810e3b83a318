namespace OrbFixtures.Simulator.Scenario;

/// <summary>An entry of the scenario's <c>addresses</c> array: the IPs <c>info</c> and <c>list</c> report for running
/// machines whose name matches <see cref="Machine"/>, instead of the derived ones (e.g. <c>127.0.0.1</c>, so a test can
/// reach a listener it started itself as if it were in the machine).</summary>
internal sealed record AddressPin(string Machine, string? Ip4, string? Ip6);
