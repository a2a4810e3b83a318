using OrbFixtures.Ownership;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.Templates;

/// <summary>What the template rows share: the recipe, and the checks of a world whose template is meant to stay.</summary>
internal static class TemplateWorlds
{
    /// <summary>The setup step of <see cref="Recipe"/>; a row that opens its window on the setup step delays exactly this argv.</summary>
    public static readonly IReadOnlyList<string> SetupStep = ["mkdir", "-p", "/opt/app"];

    /// <summary>The first seal command (TemplateSteps.SealCommands): a row that kills the builder before it sealed delays it.</summary>
    public static readonly IReadOnlyList<string> FirstSealCommand = ["truncate", "-s", "0", "/etc/machine-id"];

    /// <summary>Glob of every template machine's name (<c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c>).</summary>
    public const string TemplateGlob = "*-tpl-*";

    /// <summary>The recipe every row builds, as a child session's configuration carries it.</summary>
    public static ChildTemplate Recipe { get; } = new("base", "ubuntu:24.04", [[.. SetupStep]]);

    /// <summary>Clones of <paramref name="template"/> made from a build that had not finished: no <c>stop</c> of the
    /// template succeeded between the latest <c>create</c> of it begun before the clone and the clone's start (the stop
    /// is the build's last step, after the setup steps and the seal). Read from the whole invocation log.</summary>
    public static int HalfBuiltClones(SimulatedWorld world, string template)
    {
        var log = world.Log;
        return log.Count(clone => clone.Command == "clone" && clone.Argv.Length > 1 && clone.Argv[1] == template
            && log.LastOrDefault(i => i.Command == "create" && i.Argv.Contains(template) && i.StartedAt < clone.StartedAt) is var build
            && !log.Any(i => i.Command == "stop" && i.Argv.Contains(template) && i.ExitCode == 0
                             && (build is null || i.StartedAt > build.StartedAt) && i.EndedAt <= clone.StartedAt));
    }

    /// <summary>
    /// Records leaks and foreign damage in the tally, then asserts the world holds nothing but the foreign machine and
    /// the template: no other machine, no live orbctl process, and in the ledger only the template's record — ready,
    /// naming the template machine's ULID, with no lease left.
    /// </summary>
    public static async Task AssertOnlyTheTemplateLeftAsync(this SimulatedWorld world, ReliabilityTally tally, string state, string template)
    {
        var check = await world.CheckAsync(allowed: [template], readLedgers: false);
        tally.Leaked(check.Leaked);
        tally.ForeignTouched(check.ForeignTouched ? 1 : 0);
        Assert.True(check.Leaked == 0 && !check.ForeignTouched, check.Describe());
        var machine = await world.FindAsync(template);
        var record = Assert.Single(WorldChecks.Ledger(state));
        Assert.Equal((template, LedgerState.Reusable, MachineKind.Template), (record.Name, record.State, record.Kind));
        Assert.Equal((machine?.Id, "stopped"), (record.Id, machine?.State));
        Assert.Empty(record.Leases);
    }
}
