using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures templates list|rebuild|prune</c> against the simulator: each template with the state a session
/// would find it in, a rebuild that never pulls a template from under a lease or a build, a prune that is the reaper's own
/// collection restricted to templates, and machines named like templates that are not ours left untouched.</summary>
public sealed class TemplatesCommandTests
{
    private const string Ready = "of-tpl-web-0123abcd";
    private const string HalfBuilt = "of-tpl-db-11112222";
    private const string Building = "of-tpl-api-33334444";
    private const string Leased = "of-tpl-cache-55556666";
    private const string Missing = "of-tpl-gone-77778888";
    private const string Foreign = "of-tpl-mine-99990000";

    /// <summary>A template of each state, a clone recorded from the ready one, a dead session's machine, and a machine
    /// named like a template that is in no record (someone else's).</summary>
    private static async Task<Dictionary<string, string>> MakeTemplatesAsync(CliBed bed)
    {
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { Ready, HalfBuilt, Leased, Foreign, "of-gone1-web" }) ids[name] = await bed.MakeMachineAsync(name);
        foreach (var name in new[] { Ready, Leased })
            Assert.Equal(0, (await bed.World.Sandbox.RunAsync("stop", name)).ExitCode);
        Template(bed, Ready, CliBed.Dead("old1"), ids[Ready], LedgerState.Reusable);
        Template(bed, HalfBuilt, CliBed.Dead("old2"), ids[HalfBuilt], LedgerState.Creating);
        Template(bed, Building, CliBed.Alive("bld1"), null, LedgerState.Creating);
        Template(bed, Leased, CliBed.Dead("old3"), ids[Leased], LedgerState.Reusable, [CliBed.Alive("live1"), CliBed.Dead("gone1")]);
        Template(bed, Missing, CliBed.Dead("old4"), "01KCCCCCCCCCCCCCCCCCCCCCCC", LedgerState.Reusable);
        bed.Ledger.Write(bed.Record("of-gone1-web", CliBed.Dead("gone1"), ids["of-gone1-web"]) with { ClonedFrom = Ready });
        return ids;
    }

    private static void Template(CliBed bed, string name, SessionOwner builder, string? id, LedgerState state, IReadOnlyList<SessionOwner>? leases = null) =>
        bed.Ledger.Write(bed.Record(name, builder, id, state, MachineKind.Template, leases) with { LogicalName = name.Split('-')[2] });

    /// <summary>The decision about each machine: its last action (dropping dead sessions' leases comes before it).</summary>
    private static Dictionary<string, string> ActionsByMachine(CliOutcome outcome) =>
        EventJson.FromJson(outcome.Json["actions"]!.AsArray()).OfType<ReaperAction>().Where(a => a.Machine is not null)
            .GroupBy(a => a.Machine!).ToDictionary(g => g.Key, g => g.Last().Action.ToString());

    private static async Task<List<KeyValuePair<string, string>>> MachinesAsync(CliBed bed) =>
        [.. (await bed.World.ListAsync()).Select(m => KeyValuePair.Create(m.Name, m.Id)).OrderBy(m => m.Key)];

    private static List<(string Name, string Revision)> Revisions(CliBed bed) => [.. bed.Ledger.ReadAll().Select(r => (r.Name, r.Revision)).Order()];

    [Fact]
    public async Task List_shows_each_template_with_its_state_age_last_use_size_leases_and_clones_and_foreign_ones_as_not_owned()
    {
        await using var bed = new CliBed();
        var ids = await MakeTemplatesAsync(bed);
        var before = Revisions(bed);
        var calls = bed.World.Log.Count;

        var listed = await bed.RunAsync("templates", "list", "--json");

        Assert.Equal(0, listed.ExitCode);
        var templates = listed.Json["templates"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => (string)t["name"]!);
        Assert.Equal([Building, Leased, HalfBuilt, Missing, Ready], templates.Keys);
        Assert.Equal(["building", "ready", "half-built", "missing", "ready"], templates.Values.Select(t => (string?)t["state"]));
        Assert.Equal("web", (string?)templates[Ready]["logicalName"]);
        Assert.Equal("0123456789abcdef", (string?)templates[Ready]["hash"]);
        Assert.Equal(ids[Ready], (string?)templates[Ready]["id"]);
        Assert.Equal(1800, (double)templates[Ready]["ageSeconds"]!, 1);
        Assert.Equal(29 * 60, (double)templates[Ready]["unusedSeconds"]!, 1);
        Assert.True((long)templates[Ready]["diskSizeBytes"]! > 0);
        Assert.Null(templates[Missing]["diskSizeBytes"]);
        Assert.Equal([("live1", "alive"), ("gone1", "dead")],
            templates[Leased]["leases"]!.AsArray().Select(l => ((string)l!["session"]!, (string)l["liveness"]!)));
        Assert.Equal(["of-gone1-web"], templates[Ready]["clones"]!.AsArray().Select(c => (string?)c));
        Assert.Empty(templates[Leased]["clones"]!.AsArray());
        Assert.Equal([Foreign], listed.Json["notOwned"]!.AsArray().Select(m => (string?)m!["name"]));
        // Listing changes nothing.
        Assert.Equal(before, Revisions(bed));
        Assert.Equal(["list", "info", "info", "info", "info", "info"], bed.World.Log.Skip(calls).Select(i => i.Command));

        // The text form has a row per template and the foreign machine under "not owned".
        var text = await bed.RunAsync("templates", "list");
        Assert.Equal(0, text.ExitCode);
        var lines = text.Output.Split('\n');
        Assert.All(templates.Keys.Append(Foreign), name => Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rebuild_discards_an_unleased_template_by_its_logical_name_with_proof_so_the_next_session_builds_it()
    {
        await using var bed = new CliBed();
        var ids = await MakeTemplatesAsync(bed);

        var rebuilt = await bed.RunAsync("templates", "rebuild", "web", "--json");

        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Equal(Ready, (string?)rebuilt.Json["template"]);
        Assert.True((bool)rebuilt.Json["discarded"]!);
        Assert.Equal(new Dictionary<string, string> { [Ready] = nameof(ReaperActionKind.Deleted) }, ActionsByMachine(rebuilt));
        Assert.Null(await bed.World.FindAsync(Ready));
        Assert.Null(bed.Ledger.Read(Ready));
        Assert.Single(bed.World.Log, i => i.Command == "delete");
        // Everything else is as it was, the foreign machine and the template's clone included.
        ids.Remove(Ready);
        Assert.Equal(ids.OrderBy(i => i.Key), await MachinesAsync(bed));
    }

    [Theory]
    [InlineData(Leased, nameof(ReaperActionKind.LeftAloneLeased))]
    [InlineData(Building, nameof(ReaperActionKind.LeftAloneOwnerAlive))]
    public async Task Rebuild_refuses_a_template_a_live_session_leases_or_builds_with_exit_1_and_the_reason(string template, string reason)
    {
        await using var bed = new CliBed();
        await MakeTemplatesAsync(bed);
        var machines = await MachinesAsync(bed);

        var refused = await bed.RunAsync("templates", "rebuild", template, "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.False((bool)refused.Json["discarded"]!);
        Assert.Equal(reason, ActionsByMachine(refused)[template]);
        Assert.NotEmpty(refused.Error);
        Assert.Equal(machines, await MachinesAsync(bed));
        Assert.NotNull(bed.Ledger.Read(template));
        Assert.DoesNotContain(bed.World.Log, i => i.Command == "delete");
    }

    [Fact]
    public async Task Rebuild_refuses_while_a_session_holds_the_template_name_lock_a_build_in_flight()
    {
        await using var bed = new CliBed();
        await MakeTemplatesAsync(bed);
        var revision = bed.Ledger.Read(Ready)!.Revision;

        CliOutcome refused;
        using (FileLock.TryAcquire(new StateDirectory(bed.World.StateDirectory).NameLockPath(Ready)) ?? throw new InvalidOperationException("lock taken"))
            refused = await bed.RunAsync("templates", "rebuild", Ready, "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(nameof(ReaperActionKind.BeingProvisioned), ActionsByMachine(refused)[Ready]);
        Assert.NotNull(await bed.World.FindAsync(Ready));
        Assert.Equal(revision, bed.Ledger.Read(Ready)!.Revision);
    }

    [Theory]
    [InlineData("nosuch")] // no template of that name
    [InlineData(Foreign)] // named like a template, but not OrbFixtures': never touched
    [InlineData("of-gone1-web")] // a session's machine, not a template
    public async Task Rebuild_of_a_name_that_is_not_one_of_our_templates_is_a_usage_error_before_orbctl_runs(string name)
    {
        await using var bed = new CliBed();
        await MakeTemplatesAsync(bed);
        var calls = bed.World.Log.Count;
        var before = Revisions(bed);

        var refused = await bed.RunAsync("templates", "rebuild", name);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(name, refused.Error, StringComparison.Ordinal);
        Assert.Equal(calls, bed.World.Log.Count);
        Assert.Equal(before, Revisions(bed));
    }

    [Fact]
    public async Task Rebuild_of_a_logical_name_with_several_templates_is_a_usage_error_naming_them()
    {
        await using var bed = new CliBed();
        await MakeTemplatesAsync(bed);
        Template(bed, "of-tpl-web-aaaabbbb", CliBed.Dead("old5"), null, LedgerState.Reusable);

        var refused = await bed.RunAsync("templates", "rebuild", "web");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(Ready, refused.Error, StringComparison.Ordinal);
        Assert.Contains("of-tpl-web-aaaabbbb", refused.Error, StringComparison.Ordinal);
        Assert.NotNull(await bed.World.FindAsync(Ready));
    }

    [Fact]
    public async Task A_dry_run_prune_says_what_would_go_and_what_stays_and_why_and_changes_nothing()
    {
        await using var bed = new CliBed();
        var ids = await MakeTemplatesAsync(bed);
        var before = Revisions(bed);

        var byDefault = await bed.RunAsync("templates", "prune", "--dry-run", "--json");
        var olderThan = await bed.RunAsync("templates", "prune", "--dry-run", "--older-than", "1200", "--json");

        Assert.Equal(0, byDefault.ExitCode);
        Assert.Equal(TimeSpan.FromDays(7).TotalSeconds, (double)byDefault.Json["olderThanSeconds"]!);
        Assert.Equal(nameof(ReaperActionKind.LeftAloneWithinRetention), ActionsByMachine(byDefault)[Ready]);
        Assert.Equal(0, olderThan.ExitCode);
        Assert.True((bool)olderThan.Json["dryRun"]!);
        Assert.Equal(1200, (double)olderThan.Json["olderThanSeconds"]!);
        Assert.Equal(2, (int)olderThan.Json["templatesDeleted"]!);
        Assert.Equal(new Dictionary<string, string>
        {
            [Ready] = nameof(ReaperActionKind.WouldDelete), // unused for 29 min > 20 min
            [HalfBuilt] = nameof(ReaperActionKind.WouldDelete), // its builder died
            [Building] = nameof(ReaperActionKind.LeftAloneOwnerAlive), // its builder still builds it
            [Leased] = nameof(ReaperActionKind.LeftAloneLeased), // after its dead session's lease would be dropped
            [Missing] = nameof(ReaperActionKind.WouldRemoveRecord),
        }, ActionsByMachine(olderThan));
        Assert.Equal([Foreign], olderThan.Json["notOwned"]!.AsArray().Select(m => (string?)m!["name"]));
        Assert.Equal(ids.OrderBy(i => i.Key), await MachinesAsync(bed));
        Assert.Equal(before, Revisions(bed));
        Assert.DoesNotContain(bed.World.Log, i => i.Command == "delete");
    }

    [Fact]
    public async Task Prune_collects_old_half_built_and_superseded_templates_only_and_never_a_leased_or_foreign_one_or_a_session_machine()
    {
        await using var bed = new CliBed();
        var ids = await MakeTemplatesAsync(bed);
        // Newer builds of two logical names supersede the older ones, used recently: the leased one stays, the other goes.
        foreach (var (old, newer) in new[] { (Leased, "of-tpl-cache-abcdef01"), ("of-tpl-app-00000001", "of-tpl-app-00000002") })
        {
            if (old != Leased) Template(bed, old, CliBed.Dead("old6"), await bed.MakeMachineAsync(old), LedgerState.Reusable);
            bed.Ledger.Write(bed.Ledger.Read(old)! with { UpdatedAt = CliBed.Now });
            Template(bed, newer, CliBed.Dead("new1"), await bed.MakeMachineAsync(newer), LedgerState.Reusable);
            bed.Ledger.Write(bed.Ledger.Read(newer)! with { CreateStartedAt = CliBed.Now, UpdatedAt = CliBed.Now });
        }

        var pruned = await bed.RunAsync("templates", "prune", "--older-than", "1200", "--json");

        Assert.Equal(0, pruned.ExitCode);
        Assert.False((bool)pruned.Json["dryRun"]!);
        Assert.Equal(3, (int)pruned.Json["templatesDeleted"]!);
        var actions = ActionsByMachine(pruned);
        Assert.Equal(nameof(ReaperActionKind.Deleted), actions[Ready]); // unused for 29 min > 20 min
        Assert.Equal(nameof(ReaperActionKind.Deleted), actions[HalfBuilt]); // its builder died
        Assert.Equal(nameof(ReaperActionKind.Deleted), actions["of-tpl-app-00000001"]); // superseded
        Assert.Equal(nameof(ReaperActionKind.LeftAloneLeased), actions[Leased]);
        Assert.Equal(nameof(ReaperActionKind.LeftAloneOwnerAlive), actions[Building]);
        Assert.Equal(nameof(ReaperActionKind.RecordRemoved), actions[Missing]);
        Assert.Equal(nameof(ReaperActionKind.LeftAloneWithinRetention), actions["of-tpl-app-00000002"]);
        Assert.DoesNotContain("of-gone1-web", actions.Keys); // a session's machine is a full sweep's business
        Assert.Equal(new[] { Foreign, Leased, "of-gone1-web", "of-tpl-app-00000002", "of-tpl-cache-abcdef01" }.Order(),
            (await bed.World.ListAsync()).Select(m => m.Name).Order());
        Assert.Equal(ids[Foreign], (await bed.World.FindAsync(Foreign))!.Id);
        Assert.Equal(new[] { Building, Leased, "of-gone1-web", "of-tpl-app-00000002", "of-tpl-cache-abcdef01" }.Order(),
            bed.Ledger.ReadAll().Select(r => r.Name).Order());
        Assert.Equal(["live1"], bed.Ledger.Read(Leased)!.Leases.Select(l => l.SessionId)); // the dead session's lease dropped
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("7d")]
    [InlineData("99999.00:00:00")]
    public async Task A_bad_older_than_is_a_usage_error_naming_the_value_before_orbctl_runs(string value)
    {
        await using var bed = new CliBed();

        var refused = await bed.RunAsync("templates", "prune", "--older-than", value);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(value, refused.Error, StringComparison.Ordinal);
        Assert.Contains("--older-than", refused.Error, StringComparison.Ordinal);
        Assert.Empty(bed.World.Log);
    }
}
