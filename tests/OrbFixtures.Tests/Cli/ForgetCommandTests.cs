using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures forget NAME</c>: removes a record after confirmation (or <c>--yes</c>), never the
/// machine; with no terminal to ask on it refuses.</summary>
public sealed class ForgetCommandTests
{
    [Fact]
    public async Task With_yes_the_record_goes_and_the_machine_stays()
    {
        await using var bed = new CliBed();
        var id = await bed.MakeMachineAsync("of-keep1-db");
        bed.Record("of-keep1-db", CliBed.Dead("keep1"), id, LedgerState.Kept);

        var forgot = await bed.RunAsync("forget", "of-keep1-db", "--yes", "--json");

        Assert.Equal(0, forgot.ExitCode);
        Assert.Equal("removed", (string?)forgot.Json["outcome"]);
        Assert.Null(bed.Ledger.Read("of-keep1-db"));
        Assert.Equal(id, (await bed.World.FindAsync("of-keep1-db"))?.Id);
    }

    [Fact]
    public async Task Without_yes_and_without_a_terminal_it_refuses_and_keeps_the_record()
    {
        await using var bed = new CliBed();
        bed.Record("of-keep1-db", CliBed.Dead("keep1"), null);

        var refused = await bed.RunAsync(["forget", "of-keep1-db"], stdin: "y\n", canPrompt: false);

        Assert.Equal(2, refused.ExitCode);
        Assert.NotEmpty(refused.Error);
        Assert.NotNull(bed.Ledger.Read("of-keep1-db"));
    }

    [Fact]
    public async Task It_asks_and_only_a_yes_removes_the_record()
    {
        await using var bed = new CliBed();
        bed.Record("of-keep1-db", CliBed.Dead("keep1"), null);

        var declined = await bed.RunAsync(["forget", "of-keep1-db"], stdin: "n\n", canPrompt: true);
        var keptAfterNo = bed.Ledger.Read("of-keep1-db") is not null;
        var confirmed = await bed.RunAsync(["forget", "of-keep1-db"], stdin: "y\n", canPrompt: true);

        Assert.Equal(1, declined.ExitCode);
        Assert.True(keptAfterNo);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Null(bed.Ledger.Read("of-keep1-db"));
    }

    [Fact]
    public async Task A_damaged_record_file_can_be_forgotten_and_an_unknown_name_is_reported()
    {
        await using var bed = new CliBed();
        var damaged = Path.Combine(bed.Ledger.Directory, "of-bad1-db.json");
        File.WriteAllText(damaged, "{ not json");

        var forgot = await bed.RunAsync("forget", "of-bad1-db", "--yes");
        var unknown = await bed.RunAsync("forget", "of-nothing-db", "--yes", "--json");

        Assert.Equal(0, forgot.ExitCode);
        Assert.False(File.Exists(damaged));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("noRecord", (string?)unknown.Json["outcome"]);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("../../etc/passwd")]
    [InlineData("default")]
    public async Task A_name_that_cannot_be_a_record_is_a_usage_error_naming_it(string name)
    {
        await using var bed = new CliBed();

        var refused = await bed.RunAsync("forget", name, "--yes");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(name, refused.Error, StringComparison.Ordinal);
    }
}
