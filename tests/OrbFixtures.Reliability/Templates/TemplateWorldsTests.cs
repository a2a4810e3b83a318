using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.Templates;

/// <summary>The half-built clone count of the summary line must be able to see what it reports as zero.</summary>
[Collection(ReliabilitySuite.Name)]
public sealed class TemplateWorldsTests
{
    [Fact]
    public async Task A_clone_before_the_build_stopped_its_template_counts_as_half_built_and_one_after_does_not()
    {
        await using var world = new SimulatedWorld(new SimScenario().ToJson(), Timing.Tuning);
        const string template = "of-tpl-base-0123abcd";

        await world.Sandbox.RunAsync("create", "ubuntu", template);
        await world.Sandbox.RunAsync("clone", template, "early"); // refused or not, it was tried on an unfinished build
        var halfBuilt = TemplateWorlds.HalfBuiltClones(world, template);
        await world.Sandbox.RunAsync("stop", template);
        await world.Sandbox.RunAsync("clone", template, "late");
        var afterTheStop = TemplateWorlds.HalfBuiltClones(world, template);
        await world.Sandbox.RunAsync("delete", "-f", template);
        await world.Sandbox.RunAsync("create", "ubuntu", template); // a rebuild: the earlier stop no longer counts
        await world.Sandbox.RunAsync("clone", template, "rebuilt");

        Assert.Equal((1, 1, 2), (halfBuilt, afterTheStop, TemplateWorlds.HalfBuiltClones(world, template)));
    }
}
