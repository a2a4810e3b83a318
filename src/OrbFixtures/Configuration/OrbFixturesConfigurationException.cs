namespace OrbFixtures;

/// <summary>A configuration value is invalid. The message names the key, the value and the expected form.</summary>
public sealed class OrbFixturesConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrbFixturesConfigurationException(string key, string value, string expected)
        : base($"Invalid OrbFixtures configuration: {key}='{value}'. Expected {expected}.")
    {
        Key = key;
        Value = value;
        Expected = expected;
    }

    /// <summary>The configuration key (environment variable name).</summary>
    public string Key { get; }

    /// <summary>The rejected value.</summary>
    public string Value { get; }

    /// <summary>What a valid value looks like.</summary>
    public string Expected { get; }
}
