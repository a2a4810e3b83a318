using OrbFixtures.Ownership;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures list</c>: every record of this world with its owner's liveness and its machine's state, the
/// machines named like ours that no record describes, and the files that are not records.</summary>
public sealed class ListCommandTests
{
    [Fact]
    public async Task I_see_each_record_with_its_kind_owner_liveness_age_state_and_leases_and_the_machines_not_owned()
    {
        await using var bed = new CliBed();
        var alive = await bed.MakeMachineAsync("of-live1-db");
        var dead = await bed.MakeMachineAsync("of-gone1-db");
        var away = await bed.MakeMachineAsync("of-away1-db");
        var reused = await bed.MakeMachineAsync("of-reuse-cache-0123456789");
        var template = await bed.MakeMachineAsync("of-tpl-web-0123456789");
        await bed.MakeMachineAsync("of-stray1-web"); // named like ours, in no record
        await bed.MakeMachineAsync("mydev"); // the user's own: not even named like ours
        bed.Record("of-live1-db", CliBed.Alive("live1"), alive);
        bed.Record("of-gone1-db", CliBed.Dead("gone1"), dead);
        bed.Record("of-away1-db", CliBed.OtherHost("away1"), away, LedgerState.Kept);
        bed.Record("of-reuse-cache-0123456789", CliBed.Dead("old"), reused, LedgerState.Reusable, MachineKind.Reusable,
            [CliBed.Alive("live1"), CliBed.Dead("gone1")]);
        bed.Record("of-tpl-web-0123456789", CliBed.Dead("old"), template, LedgerState.Reusable, MachineKind.Template, [CliBed.Alive("live1")]);

        var listed = await bed.RunAsync("list", "--json");

        Assert.Equal(0, listed.ExitCode);
        var machines = listed.Json["machines"]!.AsArray().Select(m => m!.AsObject()).ToDictionary(m => (string)m["name"]!);
        Assert.Equal(["of-away1-db", "of-gone1-db", "of-live1-db", "of-reuse-cache-0123456789", "of-tpl-web-0123456789"], machines.Keys);
        Assert.Equal("alive", (string?)machines["of-live1-db"]["owner"]!["liveness"]);
        Assert.Equal("dead", (string?)machines["of-gone1-db"]["owner"]!["liveness"]);
        Assert.Equal("other-host", (string?)machines["of-away1-db"]["owner"]!["liveness"]);
        Assert.Equal(["session", "session", "kept", "reusable", "template"],
            new[] { "of-live1-db", "of-gone1-db", "of-away1-db", "of-reuse-cache-0123456789", "of-tpl-web-0123456789" }.Select(n => (string?)machines[n]["kind"]));
        Assert.All(machines.Values, m => Assert.Equal("running", (string?)m["state"]));
        Assert.All(machines.Values, m => Assert.True((bool)m["provenOurs"]!));
        Assert.All(machines.Values, m => Assert.Equal(1800, (double)m["ageSeconds"]!, 1));
        Assert.Equal(["alive", "dead"], machines["of-reuse-cache-0123456789"]["leases"]!.AsArray().Select(l => (string?)l!["liveness"]));
        Assert.Equal(["of-stray1-web"], listed.Json["notOwned"]!.AsArray().Select(m => (string?)m!["name"]));
    }

    [Fact]
    public async Task A_record_whose_name_now_holds_another_machine_shows_it_as_not_proven_ours()
    {
        await using var bed = new CliBed();
        await bed.MakeMachineAsync("of-swap1-db");
        bed.Record("of-swap1-db", CliBed.Dead("swap1"), "01KAAAAAAAAAAAAAAAAAAAAAAA");
        bed.Record("of-none1-db", CliBed.Dead("none1"), null);

        var listed = await bed.RunAsync("list", "--json");

        var machines = listed.Json["machines"]!.AsArray().ToDictionary(m => (string)m!["name"]!);
        Assert.False((bool)machines["of-swap1-db"]!["provenOurs"]!);
        Assert.Equal("running", (string?)machines["of-swap1-db"]!["state"]);
        Assert.Null(machines["of-none1-db"]!["state"]);
    }

    [Fact]
    public async Task Damaged_records_are_reported_by_file_and_the_valid_ones_still_listed()
    {
        await using var bed = new CliBed();
        var id = await bed.MakeMachineAsync("of-ok1-db");
        bed.Record("of-ok1-db", CliBed.Alive("ok1"), id);
        File.WriteAllText(Path.Combine(bed.Ledger.Directory, "of-bad1-db.json"), "{ not json");
        File.WriteAllText(Path.Combine(bed.Ledger.Directory, "of-empty1-db.json"), "");

        var json = await bed.RunAsync("list", "--json");
        var text = await bed.RunAsync("list");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(["of-ok1-db"], json.Json["machines"]!.AsArray().Select(m => (string?)m!["name"]));
        Assert.Equal(["of-bad1-db", "of-empty1-db"], json.Json["unreadableRecords"]!.AsArray().Select(r => (string?)r!["machine"]));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains(Path.Combine(bed.Ledger.Directory, "of-bad1-db.json"), text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_of_another_orbctl_world_are_counted_not_listed()
    {
        await using var bed = new CliBed();
        bed.Record("of-else1-db", CliBed.Dead("else1"), null, world: "orbctl=/Applications/OrbStack.app/Contents/MacOS/bin/orbctl");

        var listed = await bed.RunAsync("list", "--json");

        Assert.Empty(listed.Json["machines"]!.AsArray());
        Assert.Equal(1, (int)listed.Json["otherWorldRecords"]!);
    }

    [Fact]
    public async Task When_orbctl_cannot_be_asked_the_records_are_still_listed_and_the_exit_code_is_3()
    {
        await using var bed = new CliBed();
        bed.Record("of-live1-db", CliBed.Alive("live1"), null);
        bed.World.Sandbox.WriteScenario(new SimScenario { Faults = [new FaultRule("list", "fail") { Stderr = "internal error", ExitCode = 1 }] }.ToJson());
        var environment = bed.Environment();
        environment[OrbFixturesConfiguration.MaxAttemptsKey] = "1";

        var listed = await bed.RunAsync(["list", "--json"], stdin: null, canPrompt: false, environment);

        Assert.Equal(3, listed.ExitCode);
        Assert.Equal(["of-live1-db"], listed.Json["machines"]!.AsArray().Select(m => (string?)m!["name"]));
        Assert.NotNull((string?)listed.Json["orbctlProblem"]);
    }
}
