using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

[Collection(DbCollection.Name)]
public sealed class DbTests(DbStack stack, ITestOutputHelper output) : MachineTest<DbStack>(stack, output)
{
    [MachineFact]
    public async Task Runs_a_command_in_db()
    {
        var result = await this["db"].RunAsync(["uname", "-a"], options: null, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Linux", result.StandardOutput, StringComparison.Ordinal);
    }

    [MachineTheory]
    [InlineData("true", 0)]
    [InlineData("false", 1)]
    public async Task Exit_codes_come_back(string program, int expected) =>
        Assert.Equal(expected, (await GetMachine("db").RunAsync([program], options: null, TestContext.Current.CancellationToken)).ExitCode);

    // A plain test beside the machine tests: it runs whether or not OrbStack is there (the fixture records an absent
    // OrbStack instead of failing the collection).
    [Fact]
    public void Beside_the_machine_tests_plain() => Assert.NotNull(Fixture.Options); // the fixture initialized

    [MachineFact]
    public void Assert_Skip_still_skips() => Assert.Skip("skipped from inside a machine test");

    [MachineFact]
    public async Task Fails_on_request()
    {
        await this["db"].RunAsync(["echo", "before the failure"], options: null, TestContext.Current.CancellationToken);

        Assert.True(Environment.GetEnvironmentVariable("MACHINESUITE_FAIL") != "1", "deliberate failure (MACHINESUITE_FAIL=1)");
    }
}
