namespace OrbFixtures;

/// <summary>
/// OrbStack is absent or not running although the configuration requires it (<c>ORBFIXTURES_REQUIRE=true</c>).
/// Without that setting the same condition skips the machine tests instead.
/// </summary>
public sealed class OrbStackUnavailableException : Exception
{
    /// <summary>Creates the exception from the probe's answer.</summary>
    public OrbStackUnavailableException(OrbStackAvailability availability)
        : base($"{OrbFixturesConfiguration.RequireKey}=true, so machine tests fail instead of being skipped. " +
               (availability ?? throw new ArgumentNullException(nameof(availability))).Reason)
    {
        Availability = availability;
    }

    /// <summary>What the availability probe found.</summary>
    public OrbStackAvailability Availability { get; }
}
