using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures reap [--dry-run]</c>: the reaper's own decisions, each action and each record left alone
/// reported as a typed event, proof before delete, and a dry run that changes nothing.</summary>
public sealed class ReapCommandTests
{
    /// <summary>One record of each kind the reaper decides about, next to machines it must not touch.</summary>
    private static async Task<Dictionary<string, string>> MakeLedgerAsync(CliBed bed)
    {
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "of-gone1-db", "of-live1-db", "of-away1-db", "of-kept1-db", "of-swap1-db", "of-stray1-web" })
            ids[name] = await bed.MakeMachineAsync(name);
        bed.Record("of-gone1-db", CliBed.Dead("gone1"), ids["of-gone1-db"]); // dead, provably ours: deleted
        bed.Record("of-none1-db", CliBed.Dead("none1"), "01KAAAAAAAAAAAAAAAAAAAAAAA"); // dead, no machine: record removed
        bed.Record("of-live1-db", CliBed.Alive("live1"), ids["of-live1-db"]); // alive: left alone
        bed.Record("of-away1-db", CliBed.OtherHost("away1"), ids["of-away1-db"]); // other host: left alone
        bed.Record("of-kept1-db", CliBed.Dead("kept1"), ids["of-kept1-db"], LedgerState.Kept); // kept: left alone
        bed.Record("of-swap1-db", CliBed.Dead("swap1"), "01KBBBBBBBBBBBBBBBBBBBBBBB"); // dead, but another machine holds the name
        return ids;
    }

    private static Dictionary<string, string> ActionsByMachine(CliOutcome reaped) =>
        EventJson.FromJson(reaped.Json["actions"]!.AsArray()).OfType<ReaperAction>().Where(a => a.Machine is not null)
            .ToDictionary(a => a.Machine!, a => a.Action.ToString());

    [Fact]
    public async Task A_dry_run_reports_what_the_reaper_would_do_and_why_and_changes_nothing()
    {
        await using var bed = new CliBed();
        var ids = await MakeLedgerAsync(bed);
        var recordsBefore = bed.Ledger.ReadAll().Select(r => (r.Name, r.Revision)).Order().ToList();

        var reaped = await bed.RunAsync("reap", "--dry-run", "--json");

        Assert.Equal(0, reaped.ExitCode);
        Assert.True((bool)reaped.Json["dryRun"]!);
        Assert.Equal(1, (int)reaped.Json["machinesDeleted"]!);
        Assert.Equal(new Dictionary<string, string>
        {
            ["of-gone1-db"] = nameof(ReaperActionKind.WouldDelete),
            ["of-none1-db"] = nameof(ReaperActionKind.WouldRemoveRecord),
            ["of-live1-db"] = nameof(ReaperActionKind.LeftAloneOwnerAlive),
            ["of-away1-db"] = nameof(ReaperActionKind.LeftAloneOwnerElsewhere),
            ["of-kept1-db"] = nameof(ReaperActionKind.LeftAloneKept),
            ["of-swap1-db"] = nameof(ReaperActionKind.WouldRemoveRecord),
        }, ActionsByMachine(reaped));
        // Nothing changed: every machine with its ULID, every record with its revision.
        Assert.Equal(ids.OrderBy(i => i.Key), (await bed.World.ListAsync()).Select(m => KeyValuePair.Create(m.Name, m.Id)).OrderBy(i => i.Key));
        Assert.Equal(recordsBefore, bed.Ledger.ReadAll().Select(r => (r.Name, r.Revision)).Order().ToList());
        Assert.DoesNotContain(bed.World.Log, i => i.Command == "delete");
    }

    [Fact]
    public async Task Reap_deletes_only_the_machine_it_proves_ours_and_leaves_the_others_and_foreign_machines_untouched()
    {
        await using var bed = new CliBed();
        var ids = await MakeLedgerAsync(bed);

        var reaped = await bed.RunAsync("reap", "--json");

        Assert.Equal(0, reaped.ExitCode);
        Assert.Equal(1, (int)reaped.Json["machinesDeleted"]!);
        var actions = ActionsByMachine(reaped);
        Assert.Equal(nameof(ReaperActionKind.Deleted), actions["of-gone1-db"]);
        Assert.Equal(nameof(ReaperActionKind.NotOursRecordRemoved), actions["of-swap1-db"]);
        ids.Remove("of-gone1-db");
        Assert.Equal(ids.OrderBy(i => i.Key), (await bed.World.ListAsync()).Select(m => KeyValuePair.Create(m.Name, m.Id)).OrderBy(i => i.Key));
        Assert.Equal(["of-away1-db", "of-kept1-db", "of-live1-db"], bed.Ledger.ReadAll().Select(r => r.Name).Order());
        Assert.Equal(["delete"], bed.World.Log.Where(i => i.Argv.Contains("of-gone1-db")).Select(i => i.Command).Where(c => c == "delete"));
        Assert.DoesNotContain(bed.World.Log, i => i.Command == "delete" && !i.Argv.Contains("of-gone1-db"));
    }

    [Fact]
    public async Task The_text_output_has_one_line_per_action()
    {
        await using var bed = new CliBed();
        await MakeLedgerAsync(bed);

        var json = await bed.RunAsync("reap", "--dry-run", "--json");
        var text = await bed.RunAsync("reap", "--dry-run");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(json.Json["actions"]!.AsArray().Count, text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_damaged_record_is_reported_and_left_in_place()
    {
        await using var bed = new CliBed();
        var damaged = Path.Combine(bed.Ledger.Directory, "of-bad1-db.json");
        File.WriteAllText(damaged, "{ not json");

        var reaped = await bed.RunAsync("reap", "--json");

        Assert.Equal(0, reaped.ExitCode);
        var unreadable = Assert.Single(EventJson.FromJson(reaped.Json["actions"]!.AsArray()).OfType<ReaperAction>(),
            a => a.Action == ReaperActionKind.UnreadableRecord);
        Assert.Equal("of-bad1-db", unreadable.Machine);
        Assert.True(File.Exists(damaged));
    }
}
