namespace OrbFixtures;

/// <summary>Reads <see cref="OrbFixturesOptions"/> from environment variables (<c>ORBFIXTURES_*</c>).</summary>
public static class OrbFixturesConfiguration
{
    /// <summary>
    /// Applies the <c>ORBFIXTURES_*</c> variables of <paramref name="environment"/> (default: this process's
    /// environment) over <paramref name="options"/> (default: the defaults).
    /// </summary>
    /// <exception cref="OrbFixturesConfigurationException">A value is invalid; the message names the key, the value and the expected form.</exception>
    public static OrbFixturesOptions FromEnvironment(OrbFixturesOptions? options = null, IReadOnlyDictionary<string, string?>? environment = null)
        => throw new NotImplementedException(); // TODO(issue 5)
}
