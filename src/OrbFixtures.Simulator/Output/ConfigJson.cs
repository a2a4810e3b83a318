namespace OrbFixtures.Simulator.Output;

/// <summary>The <c>config</c> object of a record.</summary>
internal sealed record ConfigJson(bool Isolated, string DefaultUsername);
