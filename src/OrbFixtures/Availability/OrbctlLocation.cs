namespace OrbFixtures.Availability;

/// <summary>Where <c>orbctl</c> was found (or not), and every place that was looked at.</summary>
/// <param name="Path">The full path of the executable, or <see langword="null"/> when none was found.</param>
/// <param name="Searched">Human-readable descriptions of the places searched, in order.</param>
internal sealed record OrbctlLocation(string? Path, IReadOnlyList<string> Searched);
