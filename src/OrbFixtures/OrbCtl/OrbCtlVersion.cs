namespace OrbFixtures.OrbCtl;

/// <summary>The first line of <c>orbctl version</c>: <c>Version: 2.2.3 (2020300)</c>.</summary>
/// <param name="Version">The short version, e.g. <c>2.2.3</c>.</param>
/// <param name="Code">The numeric build code, e.g. <c>2020300</c>.</param>
internal sealed record OrbCtlVersion(string Version, long Code);
