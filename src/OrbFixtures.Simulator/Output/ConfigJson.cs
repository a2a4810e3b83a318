namespace OrbFixtures.Simulator.Output;

/// <summary>
/// The <c>config</c> object of a record, as OrbStack 2.2 prints it (<c>isolated</c>, <c>isolate_network</c>,
/// <c>default_username</c>, the fields 2.2.x clients read). Resource limits are not in it; <c>config get</c> reads them.
/// </summary>
internal sealed record ConfigJson(bool Isolated, bool IsolateNetwork, string DefaultUsername);
