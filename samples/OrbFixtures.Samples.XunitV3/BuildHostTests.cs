using OrbFixtures.Xunit;
using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// Two ways to reach the assembly fixture: a constructor parameter (no <c>[Collection]</c> needed, so these tests run
/// in parallel with the collections above), or <c>TestContext.Current.GetFixture&lt;T&gt;()</c> from any test.
/// </summary>
public sealed class BuildHostTests(BuildHost host, ITestOutputHelper output) : MachineTest<BuildHost>(host, output)
{
    [MachineFact]
    public async Task The_assembly_fixture_machine_runs_alpine()
    {
        var result = await this[BuildHost.Alpine].RunAsync(["cat", "/etc/os-release"], options: null, TestContext.Current.CancellationToken);

        Assert.Equal("alpine", OsRelease.Parse(result.StandardOutput)["ID"]);
    }

    [MachineFact]
    public async Task Any_test_can_ask_the_test_context_for_the_same_fixture()
    {
        var fixture = await TestContext.Current.GetFixture<BuildHost>();

        Assert.Same(Fixture, fixture);
        Assert.Equal(0, (await fixture![BuildHost.Alpine].RunAsync(["true"], options: null, TestContext.Current.CancellationToken)).ExitCode);
    }
}
