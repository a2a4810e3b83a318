using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli.Commands;

/// <summary>
/// <c>orbfixtures templates list|rebuild NAME|prune [--older-than DURATION] [--dry-run]</c>: the template machines
/// OrbFixtures owns in this <c>orbctl</c> world. <c>list</c> shows each with the state a session would find it in;
/// <c>rebuild</c> discards one (with the reaper's safety) so the next session builds it again, and exits 1 with the reason
/// when a lease or a build holds it; <c>prune</c> is the reaper's own collection of templates, with a dry run.
/// </summary>
internal sealed class TemplatesCommand : ICliCommand
{
    private static readonly Argument<string> s_name = new("NAME")
    {
        Description = "The template's machine name (<prefix>-tpl-<logical>-<hash>) or logical name, as `orbfixtures templates list` shows it.",
    };

    private static readonly Option<string?> s_olderThan = new("--older-than")
    {
        Description = "Collect templates unused for longer than this: seconds (e.g. 86400) or d.hh:mm:ss (e.g. 3.00:00:00). " +
                      $"The default is {OrbFixturesConfiguration.TemplateMaxAgeKey} (7 days unless set).",
    };

    public Command Create(CliContext context)
    {
        var list = new Command("list",
            "List the templates OrbFixtures owns here: machine and logical name, hash, state (ready, building, half-built, " +
            "not-stopped, missing, not-ours), age, last use, disk size (when orbctl reports it), leases and recorded clones; " +
            "then machines named like templates that are not OrbFixtures' (never touched).");
        list.SetAction((parsed, cancellationToken) => context.RunAsync(() => ListAsync(context, parsed, cancellationToken)));

        var rebuild = new Command("rebuild",
            "Discard a template so that the next session that needs it builds it again: its machine is deleted with the " +
            "ownership proof and its record removed. Nothing is done, and the exit code is 1 with the reason, while a live " +
            "session leases it or a build of it is in flight.") { s_name };
        rebuild.SetAction((parsed, cancellationToken) => context.RunAsync(() => RebuildAsync(context, parsed, cancellationToken)));

        var prune = new Command("prune",
            "Collect templates unused for longer than --older-than, superseded ones and half-built ones whose builder died, " +
            "exactly as a test run's reaper does; never one a live session leases or builds, never a machine that is not " +
            "OrbFixtures'. Prints what goes and what stays, and why. Exit 1 when a template could not be collected.")
        {
            s_olderThan, ReapCommand.DryRun,
        };
        prune.SetAction((parsed, cancellationToken) => context.RunAsync(() => PruneAsync(context, parsed, cancellationToken)));

        return new Command("templates", "See, rebuild and prune the template machines that clones are made from.") { list, rebuild, prune };
    }

    private static async Task<int> ListAsync(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        var inventory = new MachineInventory(context.Configuration(parsed).Options);
        var listing = await inventory.ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
        var now = context.Host.Time.GetUtcNow();
        if (parsed.GetValue(CliContext.Json)) context.WriteJson(Json(listing, now));
        else WriteText(context.Out, listing, now);
        if (listing.OrbctlProblem is { } problem) return context.Fail(ExitCodes.OrbctlUnavailable, $"orbctl could not be asked: {problem}");
        return ExitCodes.Ok;
    }

    private static async Task<int> RebuildAsync(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        var name = parsed.GetValue(s_name) ?? "";
        var inventory = new MachineInventory(context.Configuration(parsed).Options);
        var matches = inventory.TemplatesNamed(name);
        if (matches.Count == 0)
            return context.Fail(ExitCodes.Usage, $"'{name}' is not a template OrbFixtures owns in this orbctl world. " +
                "Fix: pass a template's machine or logical name as `orbfixtures templates list` shows it.");
        if (matches.Count > 1)
            return context.Fail(ExitCodes.Usage, $"'{name}' is the logical name of {matches.Count} templates ({string.Join(", ", matches)}): " +
                "a logical name must name one template. Fix: pass the machine name of the one to rebuild.");
        var rebuilt = await inventory.RebuildTemplateAsync(matches[0], cancellationToken).ConfigureAwait(false);
        if (parsed.GetValue(CliContext.Json))
        {
            context.WriteJson(new JsonObject
            {
                ["template"] = rebuilt.Template,
                ["discarded"] = rebuilt.Discarded,
                ["actions"] = EventJson.ToJson(rebuilt.Actions),
            });
        }
        else
        {
            foreach (var action in rebuilt.Actions) context.Out.WriteLine(EventText.Describe(action));
            if (rebuilt.Discarded) context.Out.WriteLine($"{rebuilt.Template} is gone: the next session that needs it builds it again");
        }
        if (rebuilt.Discarded) return ExitCodes.Ok;
        var why = rebuilt.Actions.LastOrDefault() is { } last ? EventText.Describe(last) : "the reaper left it alone";
        return context.Fail(ExitCodes.Problem, $"{rebuilt.Template} was not rebuilt: {why}");
    }

    private static async Task<int> PruneAsync(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        // The value is checked before anything runs: a bad duration is a usage error naming the value and the forms.
        var olderThan = parsed.GetValue(s_olderThan) is { } text ? MachineInventory.ParseTemplateAge(text, "--older-than") : (TimeSpan?)null;
        var inventory = new MachineInventory(context.Configuration(parsed).Options);
        var pruned = await inventory.PruneTemplatesAsync(olderThan, parsed.GetValue(ReapCommand.DryRun), cancellationToken).ConfigureAwait(false);
        if (parsed.GetValue(CliContext.Json))
        {
            context.WriteJson(new JsonObject
            {
                ["dryRun"] = pruned.DryRun,
                ["olderThanSeconds"] = pruned.OlderThan.TotalSeconds,
                ["templatesDeleted"] = pruned.TemplatesDeleted,
                ["actions"] = EventJson.ToJson(pruned.Actions),
                ["notOwned"] = ListCommand.NotOwnedJson(pruned.NotOwned),
            });
        }
        else
        {
            foreach (var action in pruned.Actions) context.Out.WriteLine(EventText.Describe(action));
            foreach (var machine in pruned.NotOwned)
                context.Out.WriteLine($"left {machine.Name} alone: it is named like a template but is not in the ledger (not OrbFixtures'; never touched)");
        }
        return ReapCommand.ExitCodeFor(pruned.Actions);
    }

    private static void WriteText(TextWriter o, TemplateListing l, DateTimeOffset now)
    {
        o.WriteLine($"ledger: {l.StateDirectory}");
        var rows = l.Templates.Select(t => new[]
        {
            t.Name, t.LogicalName, t.Hash.Length > 8 ? t.Hash[..8] : t.Hash, State(t.State), EventText.Duration(now - t.BuiltAt),
            EventText.Duration(now - t.LastUsedAt) + " ago", t.DiskSize is { } size ? Size(size) : "unknown",
            t.Leases.Count == 0 ? "-" : string.Join(",", t.Leases.Select(x => $"{x.SessionId}:{ListCommand.Liveness(x.Liveness)}")),
            t.Clones.Count == 0 ? "-" : string.Join(",", t.Clones),
        }).ToList();
        ListCommand.WriteTable(o, ["TEMPLATE", "LOGICAL", "HASH", "STATE", "AGE", "LAST USED", "SIZE", "LEASES", "CLONES"], rows,
            "no templates recorded in this orbctl world");
        if (l.Templates.Any(t => t.DiskSize is null && t.State is not (TemplateState.Missing or TemplateState.Unknown)))
            o.WriteLine("size unknown: orbctl info did not report a disk size for that machine");
        if (l.NotOwned.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("not owned (named like OrbFixtures' templates, not in the ledger; never touched by OrbFixtures):");
            ListCommand.WriteTable(o, ["MACHINE", "STATE", "ID"], [.. l.NotOwned.Select(m => new[] { m.Name, m.State.ToString().ToLowerInvariant(), m.Id })], "");
        }
    }

    private static JsonObject Json(TemplateListing l, DateTimeOffset now) => new()
    {
        ["stateDirectory"] = l.StateDirectory,
        ["templates"] = new JsonArray([.. l.Templates.Select(t => (JsonNode?)new JsonObject
        {
            ["name"] = t.Name,
            ["logicalName"] = t.LogicalName,
            ["hash"] = t.Hash,
            ["state"] = State(t.State),
            ["id"] = t.Id,
            ["builtAt"] = t.BuiltAt,
            ["ageSeconds"] = Math.Round((now - t.BuiltAt).TotalSeconds, 1),
            ["lastUsedAt"] = t.LastUsedAt,
            ["unusedSeconds"] = Math.Round((now - t.LastUsedAt).TotalSeconds, 1),
            ["diskSizeBytes"] = t.DiskSize,
            ["builder"] = ListCommand.Session(t.Builder),
            ["leases"] = new JsonArray([.. t.Leases.Select(x => (JsonNode?)ListCommand.Session(x))]),
            ["clones"] = new JsonArray([.. t.Clones.Select(c => (JsonNode?)c)]),
        })]),
        ["notOwned"] = ListCommand.NotOwnedJson(l.NotOwned),
        ["orbctlProblem"] = l.OrbctlProblem,
    };

    private static string State(TemplateState state) => state switch
    {
        TemplateState.Ready => "ready",
        TemplateState.Building => "building",
        TemplateState.HalfBuilt => "half-built",
        TemplateState.NotStopped => "not-stopped",
        TemplateState.Missing => "missing",
        TemplateState.NotOurs => "not-ours",
        _ => "unknown",
    };

    /// <summary>Bytes in SI units, as <c>orbctl list</c> prints them.</summary>
    private static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.0} GB"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
