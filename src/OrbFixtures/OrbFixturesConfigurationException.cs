namespace OrbFixtures;

/// <summary>A configuration value is invalid or out of range. The message names the key (the environment variable, or
/// for a value set in code the options property, e.g. <c>OrbFixturesOptions.PollInterval</c>), the value and the
/// expected form or range. Raised before any <c>orbctl</c> process starts.</summary>
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

    /// <summary>The environment variable (e.g. <c>ORBFIXTURES_TIMEOUT_CREATE</c>), or the options property when the value
    /// was set in code (e.g. <c>OrbFixturesOptions.Retry.MaxAttempts</c>, <c>OperationTimeouts[Create]</c>).</summary>
    public string Key { get; }

    /// <summary>The rejected value.</summary>
    public string Value { get; }

    /// <summary>What a valid value looks like, with its range (e.g. <c>a duration from 10 ms to 24 h: ...</c>).</summary>
    public string Expected { get; }
}
