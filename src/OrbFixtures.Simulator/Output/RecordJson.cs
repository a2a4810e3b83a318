namespace OrbFixtures.Simulator.Output;

/// <summary>A <c>ContainerRecord</c> as <c>list -f json</c> and <c>info -f json</c> print it, in Go field order.</summary>
internal sealed record RecordJson(string Id, string Name, ImageJson Image, ConfigJson Config, bool Builtin, string State);
