using System.CommandLine;
using System.Text.Json.Nodes;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli.Commands;

/// <summary><c>orbfixtures forget NAME [--yes]</c>: removes a ledger record the user has decided about (the "reported
/// but not reaped" cases). The machine itself is never touched. It asks first unless <c>--yes</c>; with no terminal to
/// ask on, it refuses and says to add <c>--yes</c>.</summary>
internal sealed class ForgetCommand : ICliCommand
{
    private static readonly Argument<string> s_name = new("NAME") { Description = "The machine name whose record to remove." };

    private static readonly Option<bool> s_yes = new("--yes", "-y") { Description = "Do not ask for confirmation." };

    public Command Create(CliContext context)
    {
        var command = new Command("forget",
            "Remove the ledger record of NAME (a valid record or an unreadable file named for it); the machine itself, if " +
            "any, is not touched. Asks for confirmation unless --yes.") { s_name, s_yes };
        command.SetAction(parsed => context.RunAsync(() => Task.FromResult(Forget(context, parsed))));
        return command;
    }

    private static int Forget(CliContext context, ParseResult parsed)
    {
        var name = parsed.GetValue(s_name) ?? "";
        if (MachineInventory.MachineNameProblem(name) is { } problem)
            return context.Fail(ExitCodes.Usage, $"{problem} Fix: pass a machine name as `orbfixtures list` shows it.");
        var inventory = new MachineInventory(context.Configuration(parsed).Options);
        if (!parsed.GetValue(s_yes))
        {
            if (!context.Host.CanPrompt)
                return context.Fail(ExitCodes.Usage,
                    $"not forgetting '{name}' without confirmation, and there is no terminal to ask on. Fix: add --yes to confirm.");
            context.Out.Write($"Forget the record of '{name}'? The machine, if any, is not deleted. [y/N] ");
            var answer = context.Host.In.ReadLine()?.Trim();
            if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                return context.Fail(ExitCodes.Problem, $"not forgetting '{name}': not confirmed.");
        }
        var outcome = inventory.Forget(name);
        if (parsed.GetValue(CliContext.Json))
            context.WriteJson(new JsonObject { ["machine"] = name, ["outcome"] = outcome == ForgetOutcome.Removed ? "removed" : "noRecord" });
        else
            context.Out.WriteLine(outcome == ForgetOutcome.Removed
                ? $"forgot the record of {name}; the machine, if any, was not touched"
                : $"there is no record of {name} in {inventory.StateDirectory}");
        return outcome == ForgetOutcome.Removed ? ExitCodes.Ok : ExitCodes.Problem;
    }
}
