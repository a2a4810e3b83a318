using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>A machine cloned from a ready template: its intent is on record while the clone runs, and every way the
/// clone can fail afterwards (gone, not startable, gone while starting) fails with its kind, names what failed, and
/// leaves nothing behind.</summary>
public sealed class CloneStepsTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineTemplate s_base = MachineTemplate.Create("web-base", "ubuntu:24.04");
    private static readonly MachineSpec s_web = MachineSpec.FromTemplate(s_base, "web");

    public void Dispose() => _bed.Dispose();

    /// <summary>A first session builds the template (and clones its own machine); returns the template's name.</summary>
    private async Task<string> BuildTemplateAsync()
    {
        await using var first = _bed.NewProvisioner("aaaa");
        await _bed.Drive(() => first.EnsureAsync(s_web));
        return first.MachineNameFor(s_base);
    }

    /// <summary>Advances the clock in small steps until <paramref name="call"/> has been made (with no sync context,
    /// everything up to it runs inline).</summary>
    private void AdvanceUntilCalled(string call, Task running)
    {
        for (var i = 0; i < 100 && !_bed.OrbCtl.Calls.Contains(call); i++)
        {
            Assert.False(running.IsCompleted);
            _bed.Time.Advance(ProvisioningBed.Step);
        }
        Assert.Contains(call, _bed.OrbCtl.Calls);
    }

    [Fact]
    public async Task The_clone_is_on_record_as_creating_while_orbctl_clone_runs() => await ProvisioningBed.OffContext(async () =>
    {
        var template = await BuildTemplateAsync();
        _bed.OrbCtl.CloneDuration = TimeSpan.FromSeconds(5);
        await using var second = _bed.NewProvisioner("bbbb");
        var name = second.MachineNameFor(s_web);

        var ensure = second.EnsureAsync(s_web);
        AdvanceUntilCalled($"clone {template} {name}", ensure);

        var during = _bed.Ledger.Read(name);
        Assert.NotNull(during);
        Assert.Equal((LedgerState.Creating, template), (during.State, during.ClonedFrom));
        _bed.Advance(ensure);
        var machine = await ensure;
        Assert.Single(machine.Log.OfType<IntentRecorded>());
        var events = machine.Log.Events.ToList();
        Assert.True(events.FindIndex(e => e is IntentRecorded) < events.FindIndex(e => e is Cloned));
    });

    [Fact]
    public async Task A_failed_clone_quotes_orbctl()
    {
        var template = await BuildTemplateAsync();
        _bed.OrbCtl.FailCloneOf = template;
        await using var second = _bed.NewProvisioner("bbbb");

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => second.EnsureAsync(s_web)));

        var orbctl = Assert.IsType<OrbCtlException>(e.InnerException);
        Assert.Equal((OrbCtlErrorKind.Unknown, Operation.Clone), (e.Kind, orbctl.Operation));
        Assert.Contains(orbctl.StandardError, e.Summary, StringComparison.Ordinal);
        Assert.False(_bed.OrbCtl.Exists(e.MachineName));
    }

    [Fact]
    public async Task A_clone_that_is_gone_when_orbctl_clone_returns_fails_as_not_found_and_is_never_started() =>
        await ProvisioningBed.OffContext(async () =>
        {
            var template = await BuildTemplateAsync();
            _bed.OrbCtl.CloneDuration = TimeSpan.FromSeconds(5);
            await using var second = _bed.NewProvisioner("bbbb");
            var name = second.MachineNameFor(s_web);

            var ensure = second.EnsureAsync(s_web);
            AdvanceUntilCalled($"clone {template} {name}", ensure);
            _bed.OrbCtl.Machines.Remove(name); // deleted by hand while orbctl clone still ran
            _bed.Advance(ensure);

            var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => ensure);
            Assert.Equal(OrbCtlErrorKind.NotFound, e.Kind);
            Assert.Contains(template, e.Summary, StringComparison.Ordinal);
            Assert.DoesNotContain($"start {name}", _bed.OrbCtl.Calls);
            Assert.Null(_bed.Ledger.Read(name));
        });

    [Fact]
    public async Task A_clone_that_cannot_be_started_quotes_orbctl_is_started_once_and_is_deleted()
    {
        await BuildTemplateAsync();
        await using var second = _bed.NewProvisioner("bbbb");
        var name = second.MachineNameFor(s_web);
        _bed.OrbCtl.FailStartOf = name;

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => second.EnsureAsync(s_web)));

        var orbctl = Assert.IsType<OrbCtlException>(e.InnerException);
        Assert.Equal((OrbCtlErrorKind.Unknown, Operation.Start), (e.Kind, orbctl.Operation));
        Assert.Contains(orbctl.StandardError, e.Summary, StringComparison.Ordinal);
        Assert.Single(_bed.OrbCtl.Calls, $"start {name}");
        Assert.Single(e.Log.OfType<ProvisioningFailed>());
        Assert.False(_bed.OrbCtl.Exists(name));
        Assert.Null(_bed.Ledger.Read(name));
    }

    [Fact]
    public async Task A_clone_that_vanishes_while_it_starts_fails_as_not_found_naming_its_template()
    {
        var template = await BuildTemplateAsync();
        await using var second = _bed.NewProvisioner("bbbb");
        var name = second.MachineNameFor(s_web);
        _bed.OrbCtl.OnRun = r =>
        {
            if (r.Machine != name) return null;
            _bed.OrbCtl.Machines.Remove(name); // deleted by hand during its first readiness probe
            return new CommandResult(1, "", "", TimeSpan.Zero);
        };

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => second.EnsureAsync(s_web)));

        Assert.Equal(OrbCtlErrorKind.NotFound, e.Kind);
        Assert.Contains(template, e.Summary, StringComparison.Ordinal);
        Assert.Empty(e.Log.OfType<MachineReady>());
        Assert.Null(_bed.Ledger.Read(name));
    }
}
