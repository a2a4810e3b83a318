namespace OrbFixtures.Simulator.Output;

/// <summary>The <c>image</c> object of a record.</summary>
internal sealed record ImageJson(string Distro, string Version, string Arch, string Variant);
