namespace OrbFixtures.Simulator.Cli;

/// <summary>The flags and positional arguments of one invocation, after pflag-style parsing.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    public bool HelpRequested => IsSet("help");

    /// <summary>The help to print when it was requested, if not the command's own (a subcommand's, e.g. <c>config set</c>).</summary>
    public string? HelpText { get; set; }

    public void Set(string name, string value) => _flags[name] = value;

    /// <summary>A string flag's value, or <see langword="null"/> when it was not given.</summary>
    public string? Value(string name) => _flags.TryGetValue(name, out var v) ? v : null;

    /// <summary>A bool flag: true when given without a value or with a true value.</summary>
    public bool IsSet(string name) => _flags.TryGetValue(name, out var v) && v == "true";
}
