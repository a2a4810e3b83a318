namespace OrbFixtures.Simulator.Cli;

/// <summary>Go's <c>strconv.ParseBool</c> and <c>strconv.ParseUint(s, 10, 64)</c>, which orbctl uses for flag and config values.</summary>
internal static class GoStrconv
{
    public static bool? ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    /// <summary>The value, or Go's error text (<c>strconv.ParseUint: parsing "x": invalid syntax</c>).</summary>
    public static (ulong Value, string? Error) ParseUint(string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit)) return (0, $"strconv.ParseUint: parsing \"{value}\": invalid syntax");
        return ulong.TryParse(value, out var number) ? (number, null) : (0, $"strconv.ParseUint: parsing \"{value}\": value out of range");
    }

    public static string BoolError(string value) => $"strconv.ParseBool: parsing \"{value}\": invalid syntax";
}
