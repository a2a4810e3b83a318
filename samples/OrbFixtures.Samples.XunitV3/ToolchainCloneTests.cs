using OrbFixtures.Diagnostics;
using OrbFixtures.Xunit;
using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>
/// What a clone of a template has, and what it does not share. These tests pass whether this run built the template
/// or an earlier run did: every machine of <see cref="ToolchainClones"/> is a clone either way (unless
/// <c>ORBFIXTURES_TEMPLATES=off</c> makes every machine from scratch, which they check too).
/// </summary>
[Collection(ToolchainClonesCollection.Name)]
public sealed class ToolchainCloneTests(ToolchainClones machines, ITestOutputHelper output) : MachineTest<ToolchainClones>(machines, output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private bool TemplatesOff => Fixture.Options?.Templates == TemplateMode.Off;

    [MachineTheory]
    [InlineData(ToolchainClones.Builder)]
    [InlineData(ToolchainClones.Runner)]
    public async Task Each_clone_has_what_the_template_setup_installed(string name)
    {
        var machine = this[name];

        var installed = await machine.RunAsync(["ls", ToolchainClones.InstallRoot], options: null, Cancellation);

        Assert.Equal(0, installed.ExitCode);
        Assert.Equal(ToolchainClones.Version, installed.StandardOutput.Trim());
        if (TemplatesOff)
        {
            // Created and set up from scratch, as ORBFIXTURES_TEMPLATES=off asks: the way to check the recipe itself.
            Assert.Empty(machine.Log.OfType<Cloned>());
            return;
        }
        // Cloned from the template, not created: the setup step never ran in this machine.
        var cloned = Assert.Single(machine.Log.OfType<Cloned>());
        Assert.Empty(machine.Log.OfType<CreateStarted>());
        Output.WriteLine(machine.Log.OfType<TemplateBuilt>().Any()
            ? $"{machine.Name}: this run built {cloned.Template}, then cloned it"
            : $"{machine.Name}: cloned {cloned.Template}, built by an earlier run or by the other machine's provisioning");
    }

    [MachineFact]
    public async Task The_clones_are_distinct_machines_and_a_change_in_one_stays_in_it()
    {
        var builder = this[ToolchainClones.Builder];
        var runner = this[ToolchainClones.Runner];
        // One template, two machines: each with its own ULID, name and hostname.
        if (!TemplatesOff)
            Assert.Equal(Assert.Single(builder.Log.OfType<Cloned>()).TemplateId, Assert.Single(runner.Log.OfType<Cloned>()).TemplateId);
        Assert.NotEqual(builder.Id, runner.Id);
        Assert.NotEqual(builder.Name, runner.Name);
        Assert.Equal(builder.Name, (await builder.RunAsync(["cat", "/etc/hostname"], options: null, Cancellation)).StandardOutput.Trim());
        Assert.Equal(runner.Name, (await runner.RunAsync(["cat", "/etc/hostname"], options: null, Cancellation)).StandardOutput.Trim());

        // Copy-on-write: what one clone writes, the other (and the template) never sees.
        var marker = $"{ToolchainClones.InstallRoot}/{ToolchainClones.Version}/bin/sample-{Guid.NewGuid():N}";
        try
        {
            await builder.RunAsync(["mkdir", marker], new RunOptions { User = "root", ThrowOnNonZeroExit = true }, Cancellation);

            Assert.Equal(0, (await builder.RunAsync(["test", "-d", marker], options: null, Cancellation)).ExitCode);
            Assert.Equal(1, (await runner.RunAsync(["test", "-d", marker], options: null, Cancellation)).ExitCode);
        }
        finally
        {
            // Not the test's token: the directory is removed even when the run was cancelled.
            await builder.RunAsync(["rm", "-rf", marker], new RunOptions { User = "root" });
        }
    }
}
