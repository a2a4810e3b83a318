using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli.Commands;

/// <summary><c>orbfixtures list</c>: every record of this <c>orbctl</c> world with its owner's liveness and its machine's
/// state, then the machines named like OrbFixtures' that no record describes (not owned: never touched), then the
/// ledger files that are not valid records. Exit 3 when <c>orbctl</c> could not be asked (the records are still
/// listed).</summary>
internal sealed class ListCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var command = new Command("list",
            "List what OrbFixtures owns in this orbctl world: machine, logical name, kind, owner session and whether it is alive, " +
            "age, state per orbctl, leases; then machines named like OrbFixtures' that are not in the ledger (not owned).");
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var inventory = new MachineInventory(context.Configuration(parsed).Options);
            var listing = await inventory.ListAsync(cancellationToken).ConfigureAwait(false);
            var now = context.Host.Time.GetUtcNow();
            if (parsed.GetValue(CliContext.Json)) context.WriteJson(Json(listing, now));
            else WriteText(context.Out, listing, now);
            if (listing.OrbctlProblem is { } problem) return context.Fail(ExitCodes.OrbctlUnavailable, $"orbctl could not be asked: {problem}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter o, InventoryListing l, DateTimeOffset now)
    {
        o.WriteLine($"ledger: {l.StateDirectory}");
        var rows = l.Machines.Select(m => new[]
        {
            m.Name, m.LogicalName, Kind(m.Kind), m.Owner.SessionId, Liveness(m.Owner.Liveness),
            EventText.Duration(now - m.CreatedAt), State(m),
            m.Leases.Count == 0 ? "-" : string.Join(",", m.Leases.Select(x => $"{x.SessionId}:{Liveness(x.Liveness)}")),
        }).ToList();
        WriteTable(o, ["MACHINE", "LOGICAL", "KIND", "SESSION", "OWNER", "AGE", "STATE", "LEASES"], rows,
            "no machines recorded in this orbctl world");
        if (l.NotOwned.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("not owned (named like OrbFixtures' machines, not in the ledger; never touched by OrbFixtures):");
            WriteTable(o, ["MACHINE", "STATE", "ID"], [.. l.NotOwned.Select(m => new[] { m.Name, m.State.ToString().ToLowerInvariant(), m.Id })], "");
        }
        if (l.DamagedRecords.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("unreadable records (skipped, never acted on):");
            foreach (var d in l.DamagedRecords) o.WriteLine($"  {d.Path}: {d.Reason}");
        }
        if (l.OtherWorldRecords > 0)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{l.OtherWorldRecords} record(s) of other orbctl worlds not shown"));
    }

    /// <summary>Rows under a header, columns padded to their widest cell; <paramref name="empty"/> when there are none.</summary>
    internal static void WriteTable(TextWriter o, string[] header, IReadOnlyList<string[]> rows, string empty)
    {
        if (rows.Count == 0)
        {
            if (empty.Length > 0) o.WriteLine(empty);
            return;
        }
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        foreach (var row in rows.Prepend(header))
            o.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }

    private static string State(OwnedMachine m) => m.OrbctlState switch
    {
        null => "absent",
        { } state when m.IsProvenOurs => state.ToString().ToLowerInvariant(),
        { } state => state.ToString().ToLowerInvariant() + "(not-ours)",
    };

    private static string Kind(OwnedMachineKind kind) => kind switch
    {
        OwnedMachineKind.SessionMachine => "session",
        OwnedMachineKind.Reusable => "reusable",
        OwnedMachineKind.Template => "template",
        _ => "kept",
    };

    internal static string Liveness(SessionLiveness liveness) => liveness switch
    {
        SessionLiveness.Alive => "alive",
        SessionLiveness.Dead => "dead",
        _ => "other-host",
    };

    private static JsonObject Json(InventoryListing l, DateTimeOffset now) => new()
    {
        ["stateDirectory"] = l.StateDirectory,
        ["machines"] = new JsonArray([.. l.Machines.Select(m => (JsonNode?)new JsonObject
        {
            ["name"] = m.Name,
            ["logicalName"] = m.LogicalName,
            ["kind"] = Kind(m.Kind),
            ["owner"] = Session(m.Owner),
            ["createdAt"] = m.CreatedAt,
            ["ageSeconds"] = Math.Round((now - m.CreatedAt).TotalSeconds, 1),
            ["updatedAt"] = m.UpdatedAt,
            ["id"] = m.Id,
            ["state"] = m.OrbctlState?.ToString().ToLowerInvariant(),
            ["provenOurs"] = m.IsProvenOurs,
            ["claimedByReaper"] = m.IsClaimedByReaper,
            ["leases"] = new JsonArray([.. m.Leases.Select(x => (JsonNode?)Session(x))]),
        })]),
        ["notOwned"] = NotOwnedJson(l.NotOwned),
        ["unreadableRecords"] = new JsonArray([.. l.DamagedRecords.Select(d => (JsonNode?)new JsonObject
        {
            ["path"] = d.Path,
            ["machine"] = d.MachineName,
            ["reason"] = d.Reason,
        })]),
        ["otherWorldRecords"] = l.OtherWorldRecords,
        ["orbctlProblem"] = l.OrbctlProblem,
    };

    /// <summary>Machines named like OrbFixtures' that no record describes.</summary>
    internal static JsonArray NotOwnedJson(IReadOnlyList<UnownedMachine> machines) => new([.. machines.Select(m => (JsonNode?)new JsonObject
    {
        ["name"] = m.Name,
        ["id"] = m.Id,
        ["state"] = m.State.ToString().ToLowerInvariant(),
    })]);

    internal static JsonObject Session(SessionSummary s) => new()
    {
        ["session"] = s.SessionId,
        ["pid"] = s.Pid,
        ["host"] = s.Host,
        ["liveness"] = Liveness(s.Liveness),
    };
}
