using System.CommandLine;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli.Commands;

/// <summary><c>orbfixtures reap [--dry-run]</c>: the reaper a test run runs, with its safety (claim, then proof before
/// delete), printing each action and each record it leaves alone and why. Exit 1 when a record could not be reaped.</summary>
internal sealed class ReapCommand : ICliCommand
{
    /// <summary><c>--dry-run</c>, of <c>reap</c> and <c>templates prune</c>: the reaper's decisions, with nothing changed.</summary>
    internal static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Decide as the reaper would (asking orbctl and checking the ownership proof) but change nothing.",
    };

    public Command Create(CliContext context)
    {
        var command = new Command("reap",
            "Remove what dead sessions of this orbctl world left behind, exactly as a test run's reaper does: a machine is " +
            "deleted only with proof that it is the one its record describes. Prints each action and each record left alone, " +
            "and why. Exit 1 when a record could not be reaped.") { DryRun };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var inventory = new MachineInventory(context.Configuration(parsed).Options);
            var report = await inventory.ReapAsync(parsed.GetValue(DryRun), cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(CliContext.Json))
            {
                context.WriteJson(new JsonObject
                {
                    ["dryRun"] = report.DryRun,
                    ["machinesDeleted"] = report.MachinesDeleted,
                    ["actions"] = EventJson.ToJson(report.Actions),
                });
            }
            else
            {
                foreach (var action in report.Actions) context.Out.WriteLine(EventText.Describe(action));
            }
            return ExitCodeFor(report.Actions);
        }));
        return command;
    }

    /// <summary>1 when the sweep could not act on a record it decided to reap (or ran out of time), else 0.</summary>
    internal static int ExitCodeFor(IEnumerable<ReaperAction> actions) =>
        actions.Any(a => a.Action is ReaperActionKind.CouldNotReap or ReaperActionKind.DeadlineReached or ReaperActionKind.SweepFailed)
            ? ExitCodes.Problem
            : ExitCodes.Ok;
}
