using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Xunit.Tests.Availability;
using Xunit;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestContextTests
{
    private sealed class Source(params Machine[] machines) : IMachineDiagnosticsSource
    {
        public IReadOnlyList<MachineLog> MachineLogs => [.. machines.Select(m => m.Log)];
        public IReadOnlyCollection<Machine> ReadyMachines => machines;
        public int CommandHistorySize { get; init; } = new OrbFixturesOptions().CommandHistorySize;
    }

    private static Machine NewMachine(string logicalName)
    {
        var name = "of-k3x9-" + logicalName;
        var info = new MachineInfo("01JTESTULID0000000000000" + logicalName.Length, name, MachineState.Running, "running",
            new MachineImage("ubuntu", "noble", "arm64", "default"), "dev", false, 1024, "192.168.138.7", null);
        var client = new FakeOrbCtlClient { Run = request => new CommandResult(request.Command[0] == "false" ? 1 : 0, "out:" + string.Join(' ', request.Command), "", TimeSpan.FromMilliseconds(12)) };
        var log = new MachineLog($"machine '{logicalName}' ({name})") { LogicalName = logicalName, MachineName = name };
        return new Machine(MachineSpec.Create(logicalName, "ubuntu"), info, log, client, new OrbFixturesOptions());
    }

    /// <summary>The lines of <paramref name="block"/> that show <paramref name="command"/> (its first line, as the renderer writes it).</summary>
    private static int LinesShowing(string block, CommandRan command)
    {
        var firstLine = EventText.Describe(command).Split('\n')[0];
        return block.Split('\n').Count(l => l.Contains(firstLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_shows_the_log_of_each_machine_the_current_test_ran_commands_in_with_those_commands()
    {
        var db = NewMachine("db");
        var web = NewMachine("web");
        var idle = NewMachine("idle");
        using var context = new MachineTestContext([new Source(db, web, idle)]);

        await db.RunAsync("echo", "from an earlier test");
        context.BeginTest();
        await db.RunAsync("false");
        await web.RunAsync("uname", "-a");

        var logs = context.Failed("Suite.Tests.Breaks_things");
        Assert.Equal([db.Log, web.Log], logs);
        var block = context.Render(logs)!;
        Assert.Equal(1, LinesShowing(block, db.Log.OfType<CommandRan>().Single(c => c.Command[0] == "false")));
        Assert.Equal(1, LinesShowing(block, Assert.Single(web.Log.OfType<CommandRan>())));
        Assert.DoesNotContain(idle.Log.Subject, block, StringComparison.Ordinal);
        Assert.True(block.IndexOf(db.Log.Subject, StringComparison.Ordinal) < block.IndexOf(web.Log.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_test_is_recorded_in_exactly_the_machines_it_used()
    {
        var db = NewMachine("db");
        var web = NewMachine("web");
        using var context = new MachineTestContext([new Source(db), new Source(web)]);

        await web.RunAsync("echo", "an earlier test used web");
        context.BeginTest();
        await db.RunAsync("true");
        context.Failed("Suite.Tests.Breaks_things");

        Assert.Equal("Suite.Tests.Breaks_things", Assert.Single(db.Log.OfType<TestFailed>()).Test);
        Assert.Empty(web.Log.OfType<TestFailed>());
    }

    [Fact]
    public async Task CommandHistorySize_is_how_many_of_the_most_recent_commands_the_report_shows()
    {
        var db = NewMachine("db");
        using var context = new MachineTestContext([new Source(db) { CommandHistorySize = 3 }]);

        for (var i = 1; i <= 5; i++) await db.RunAsync("echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var block = context.Render(context.Failed("Suite.Tests.Breaks_things"))!;
        var commands = db.Log.OfType<CommandRan>();
        Assert.Equal(5, commands.Count);
        Assert.Equal([0, 0, 1, 1, 1], commands.Select(c => LinesShowing(block, c)));
        Assert.Contains(EventText.Render(db.Log, 3), block, StringComparison.Ordinal); // with the line counting the 2 not shown
    }

    [Fact]
    public async Task After_the_test_case_nothing_a_machine_does_counts_as_used()
    {
        var db = NewMachine("db");
        var context = new MachineTestContext([new Source(db)]);
        context.Dispose();

        await db.RunAsync("true");

        Assert.Empty(context.UsedMachines);
    }
}
