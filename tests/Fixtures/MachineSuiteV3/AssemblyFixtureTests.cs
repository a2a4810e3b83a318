using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

/// <summary>The assembly fixture, reached through <c>TestContext.Current.GetFixture&lt;T&gt;()</c> and through the constructor.</summary>
public sealed class AssemblyFixtureTests(SharedStack shared)
{
    [MachineFact]
    public async Task The_assembly_fixture_is_reachable_from_the_test_context()
    {
        var stack = await TestContext.Current.GetFixture<SharedStack>();

        Assert.Same(shared, stack);
        var result = await stack!["shared"].RunAsync(["echo", "from the assembly fixture"], options: null, TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
    }
}
