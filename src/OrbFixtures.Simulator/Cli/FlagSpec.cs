namespace OrbFixtures.Simulator.Cli;

/// <summary>One pflag flag: <c>-s, --long</c>, its type and its help text.</summary>
internal sealed record FlagSpec(string Name, char? Shorthand, FlagKind Kind, string Usage)
{
    public static FlagSpec Bool(string name, char? shorthand, string usage) => new(name, shorthand, FlagKind.Bool, usage);

    public static FlagSpec String(string name, char? shorthand, string usage) => new(name, shorthand, FlagKind.String, usage);

    public static FlagSpec Int(string name, char? shorthand, string usage) => new(name, shorthand, FlagKind.Int, usage);

    /// <summary>How pflag names the flag in value errors: <c>-p, --set-password</c> or <c>--name</c>.</summary>
    public string DisplayName => Shorthand is { } s ? $"-{s}, --{Name}" : $"--{Name}";
}
