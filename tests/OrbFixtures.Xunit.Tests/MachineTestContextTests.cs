using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Xunit.Tests.Availability;
using Xunit;

namespace OrbFixtures.Xunit.Tests;

public sealed class MachineTestContextTests
{
    private sealed class Source(params Machine[] machines) : IMachineDiagnosticsSource
    {
        public IReadOnlyList<AttemptHistory> AttemptHistories => [.. machines.Select(m => m.History)];
        public IReadOnlyCollection<Machine> ReadyMachines => machines;
    }

    private static Machine NewMachine(string logicalName)
    {
        var name = "of-k3x9-" + logicalName;
        var info = new MachineInfo("01JTESTULID0000000000000" + logicalName.Length, name, MachineState.Running, "running",
            new MachineImage("ubuntu", "noble", "arm64", "default"), "dev", false, 1024, "192.168.138.7", null);
        var client = new FakeOrbCtlClient { Run = request => new CommandResult(request.Command[0] == "false" ? 1 : 0, "out:" + string.Join(' ', request.Command), "", TimeSpan.FromMilliseconds(12)) };
        return new Machine(MachineSpec.Create(logicalName, "ubuntu"), info, new AttemptHistory($"machine '{logicalName}' ({name})"), client, new OrbFixturesOptions());
    }

    [Fact]
    public async Task The_report_lists_the_commands_the_current_test_ran_in_each_machine()
    {
        var db = NewMachine("db");
        var web = NewMachine("web");
        using var context = new MachineTestContext([new Source(db, web)]);

        await db.RunAsync("echo", "from an earlier test");
        context.BeginTest();
        await db.RunAsync("false");
        await web.RunAsync("uname", "-a");

        var report = context.RenderFailureReport()!;
        Assert.DoesNotContain("earlier test", report, StringComparison.Ordinal);
        Assert.Contains("commands this test ran in 'db' (last 1 of 1):", report, StringComparison.Ordinal);
        Assert.Contains("[db] $ false -> exit 1 in 12 ms", report, StringComparison.Ordinal);
        Assert.Contains("commands this test ran in 'web' (last 1 of 1):", report, StringComparison.Ordinal);
        Assert.Contains("stdout: out:uname -a", report, StringComparison.Ordinal);
        Assert.True(report.IndexOf("machine 'db'", StringComparison.Ordinal) < report.IndexOf("[db] $ false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_last_commands_are_shown()
    {
        var db = NewMachine("db");
        using var context = new MachineTestContext([new Source(db)]);

        for (var i = 1; i <= 12; i++) await db.RunAsync("echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var report = context.RenderFailureReport()!;
        Assert.Contains("(last 10 of 12)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("$ echo 2 ", report, StringComparison.Ordinal);
        Assert.Contains("$ echo 12 ", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_test_case_commands_are_no_longer_recorded()
    {
        var db = NewMachine("db");
        var context = new MachineTestContext([new Source(db)]);
        context.Dispose();

        await db.RunAsync("true");

        Assert.Empty(context.Commands);
    }

    [Fact]
    public void A_failed_test_marks_every_machine_it_could_use()
    {
        var db = NewMachine("db");
        var web = NewMachine("web");
        using var context = new MachineTestContext([new Source(db), new Source(web)]);

        context.MarkFailed("Suite.Tests.Breaks_things");

        Assert.Equal(["Suite.Tests.Breaks_things"], db.FailedTests);
        Assert.Equal(["Suite.Tests.Breaks_things"], web.FailedTests);
    }
}
