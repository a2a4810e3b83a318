namespace OrbFixtures.Simulator.Cli;

/// <summary>Cobra's positional-argument validators, with their exact error wording.</summary>
internal sealed class ArgsRule
{
    private readonly Func<CommandSpec, IReadOnlyList<string>, string?> _check;

    private ArgsRule(Func<CommandSpec, IReadOnlyList<string>, string?> check) => _check = check;

    public static ArgsRule Arbitrary { get; } = new((_, _) => null);

    public static ArgsRule None { get; } = new((spec, args) =>
        args.Count > 0 ? $"unknown command \"{args[0]}\" for \"orbctl {spec.Name}\"" : null);

    public static ArgsRule Exact(int n) => new((_, args) =>
        args.Count != n ? $"accepts {n} arg(s), received {args.Count}" : null);

    public static ArgsRule Range(int min, int max) => new((_, args) =>
        args.Count < min || args.Count > max ? $"accepts between {min} and {max} arg(s), received {args.Count}" : null);

    public static ArgsRule AtLeast(int n) => new((_, args) =>
        args.Count < n ? $"requires at least {n} arg(s), only received {args.Count}" : null);

    public static ArgsRule AtMost(int n) => new((_, args) =>
        args.Count > n ? $"accepts at most {n} arg(s), received {args.Count}" : null);

    /// <summary>Throws the cobra usage error when <paramref name="args"/> break the rule.</summary>
    public void Validate(CommandSpec spec, IReadOnlyList<string> args)
    {
        if (_check(spec, args) is { } message) throw new UsageException(message, spec);
    }
}
