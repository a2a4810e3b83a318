namespace OrbFixtures.Simulator.Cli;

/// <summary>The flags and positional arguments of one invocation, after pflag-style parsing.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    public bool HelpRequested => IsSet("help");

    public void Set(string name, string value) => _flags[name] = value;

    /// <summary>A string flag's value, or <see langword="null"/> when it was not given.</summary>
    public string? Value(string name) => _flags.TryGetValue(name, out var v) ? v : null;

    /// <summary>A bool flag: true when given without a value or with a true value.</summary>
    public bool IsSet(string name) => _flags.TryGetValue(name, out var v) && v == "true";
}
