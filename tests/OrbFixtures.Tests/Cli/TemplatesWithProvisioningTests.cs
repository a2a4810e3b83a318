using OrbFixtures.Diagnostics;
using OrbFixtures.Tests.Provisioning.Simulated;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures templates</c> over a template the engine itself built and cloned: the record it wrote is
/// listed as ready with its lease and its clone; a rebuild waits for the lease to end, then discards the template so
/// the next session builds it again.</summary>
[Collection(WallClockCollection.Name)]
public sealed class TemplatesWithProvisioningTests
{
    private static readonly MachineTemplate s_base = MachineTemplate.Create("base", "ubuntu:24.04")
        .WithSetupStep(TimeSpan.FromSeconds(30), "mkdir", "-p", "/opt/app");

    [Fact]
    public async Task A_built_template_is_listed_ready_with_its_lease_and_clone_and_is_rebuilt_only_once_no_session_leases_it()
    {
        await using var bed = new CliBed("""{ "durations": { "create": 100, "provisioning": 100 } }""", SimulatedTuning.Options);
        string template;
        await using (var session = bed.World.Provisioner())
        {
            var web = await session.EnsureAsync(MachineSpec.FromTemplate(s_base, "web"));
            template = session.MachineNameFor(s_base);

            var listed = await bed.RunAsync("templates", "list", "--json");
            var refused = await bed.RunAsync("templates", "rebuild", "base", "--json");

            Assert.Equal(0, listed.ExitCode);
            var entry = Assert.Single(listed.Json["templates"]!.AsArray())!;
            Assert.Equal(template, (string?)entry["name"]);
            Assert.Equal("base", (string?)entry["logicalName"]);
            Assert.Equal("ready", (string?)entry["state"]);
            Assert.Equal("alive", (string?)Assert.Single(entry["leases"]!.AsArray())!["liveness"]);
            Assert.Equal([web.Name], entry["clones"]!.AsArray().Select(c => (string?)c));
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains(EventJson.FromJson(refused.Json["actions"]!.AsArray()).OfType<ReaperAction>(),
                a => a.Machine == template && a.Action == ReaperActionKind.LeftAloneLeased);
            Assert.NotNull(await bed.World.FindAsync(template));
        }

        var rebuilt = await bed.RunAsync("templates", "rebuild", template, "--json");

        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Null(await bed.World.FindAsync(template));
        await using (var next = bed.World.Provisioner())
        {
            var api = await next.EnsureAsync(MachineSpec.FromTemplate(s_base, "api"));
            Assert.Equal(TemplateBuildReason.Missing, api.Log.OfType<TemplateBuildStarted>().Single().Reason);
        }
        Assert.Equal(2, bed.World.Log.Count(i => i.Command == "create"));
    }
}
