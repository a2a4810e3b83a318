namespace OrbFixtures.Simulator.Output;

/// <summary>
/// The <c>config</c> object of a record, as OrbStack 2.2 prints it (orbctl reference §3.2: <c>isolated</c>,
/// <c>isolate_network</c>, <c>default_username</c>). Resource limits are not in it; <c>config get</c> reads them.
/// </summary>
internal sealed record ConfigJson(bool Isolated, bool IsolateNetwork, string DefaultUsername);
