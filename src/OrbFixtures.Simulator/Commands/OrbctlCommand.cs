using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// One orbctl subcommand. The invocation runs it in three steps: <see cref="Parse"/> (cobra's flag and argument
/// checks), <see cref="Validate"/> (what the real CLI checks locally before talking to OrbStack), then — after any
/// scenario fault was applied — <see cref="Execute"/>.
/// </summary>
internal abstract class OrbctlCommand
{
    public abstract CommandSpec Spec { get; }

    public virtual ParsedArgs Parse(IReadOnlyList<string> argv)
    {
        var parsed = FlagParser.Parse(Spec, argv);
        if (!parsed.HelpRequested) Spec.Args.Validate(Spec, parsed.Positionals);
        return parsed;
    }

    /// <summary>Client-side checks; throws <see cref="UsageException"/> or <see cref="CommandFailedException"/>.</summary>
    public virtual void Validate(ParsedArgs args, CommandContext context)
    {
    }

    /// <summary>The machine names this invocation targets, for matching fault globs.</summary>
    public virtual IReadOnlyList<string> Targets(ParsedArgs args, CommandContext context) => args.Positionals;

    /// <summary>Does the work and returns the exit code; expected failures are thrown as <see cref="CommandFailedException"/>.</summary>
    public abstract int Execute(ParsedArgs args, CommandContext context);

    /// <summary>The cobra error for a problem found while running: <c>Error: MESSAGE</c> and this command's usage.</summary>
    protected UsageException UsageError(string message) => new(message, Spec);
}
