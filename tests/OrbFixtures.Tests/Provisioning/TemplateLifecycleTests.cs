using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>The lines of issue 16's test list that <see cref="TemplateTests"/> leaves open: a seal that fails, a wait for
/// another process's build bounded by the build's own bound, the disk and isolation keys of a clone, and each rule of
/// template collection on its own (superseded, max age, never while leased).</summary>
public sealed class TemplateLifecycleTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();

    private static readonly MachineTemplate s_base = MachineTemplate.Create("web-base", "ubuntu:24.04")
        .WithSetupStep(TimeSpan.FromMinutes(1), "sh", "-c", "apt-get install -y nginx");

    public void Dispose() => _bed.Dispose();

    private string NameOf(MachineTemplate template) => _bed.NewProvisioner("nnnn").MachineNameFor(template);

    private async Task<Machine> CloneInNewSessionAsync(string sessionId, MachineTemplate template)
    {
        await using var provisioner = _bed.NewProvisioner(sessionId);
        return await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.FromTemplate(template, "web")));
    }

    private async Task ReapAsync(string sessionId)
    {
        await using var reaper = _bed.NewProvisioner(sessionId);
        await _bed.Drive(() => reaper.ReapAsync());
    }

    [Fact]
    public async Task A_failing_seal_leaves_no_template_and_nothing_is_cloned()
    {
        _bed.OrbCtl.OnRun = r => r.Command[0] == "truncate" ? new CommandResult(1, "", "truncate: /etc/machine-id: Read-only file system", TimeSpan.Zero) : null;
        var template = NameOf(s_base);

        var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() => CloneInNewSessionAsync("aaaa", s_base));

        Assert.Contains(failure.Log.Events, e => e is TemplateBuildStarted);
        Assert.Single(failure.Log.Events.OfType<ProvisioningFailed>());
        Assert.Empty(_bed.Recorded.OfType<TemplateSealed>());
        Assert.Empty(_bed.Recorded.OfType<TemplateBuilt>());
        Assert.Contains($"delete {template}", _bed.OrbCtl.Calls);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("clone", StringComparison.Ordinal) || c == $"stop {template}");
        Assert.Empty(_bed.OrbCtl.Machines);
        Assert.Empty(_bed.Ledger.Scan().Records);
    }

    [Fact]
    public async Task Waiting_for_another_process_that_builds_the_template_gives_up_after_the_builds_own_bound()
    {
        var template = NameOf(s_base);
        // Another process holds the template's build lock and never lets go.
        using var builder = FileLock.TryAcquire(new StateDirectory(_bed.StateDirectory).NameLockPath(template));
        Assert.NotNull(builder);
        var started = _bed.Time.GetUtcNow();

        await using var provisioner = _bed.NewProvisioner("aaaa");
        var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() =>
            _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.FromTemplate(s_base, "web")), TimeSpan.FromHours(2)));

        var waited = Assert.Single(failure.Log.Events.OfType<WaitingForTemplate>());
        Assert.Equal(template, waited.Template);
        // The bound covers a whole build: every create attempt, the setup steps' own timeouts, the seal and the stop.
        Assert.True(waited.Timeout > s_base.SetupSteps[0].Timeout + _bed.Options.Timeouts[Operation.Create], $"bound {waited.Timeout}");
        Assert.InRange(_bed.Time.GetUtcNow() - started, waited.Timeout, waited.Timeout + TimeSpan.FromMinutes(1));
        Assert.Equal(OrbCtlErrorKind.TimedOut, failure.Kind);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("create", StringComparison.Ordinal) || c.StartsWith("clone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clone_gets_its_own_disk_and_isolation_as_config_keys_before_its_first_start()
    {
        await using var provisioner = _bed.NewProvisioner("aaaa");
        var web = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.FromTemplate(s_base, "web").WithDisk(16).WithIsolation(network: true)));

        var calls = _bed.OrbCtl.Calls.ToList();
        var start = calls.IndexOf($"start {web.Name}");
        string[] keys =
        [
            $"config set machine.{web.Name}.disk_bytes {16L * 1024 * 1024 * 1024}", $"config set machine.{web.Name}.isolated true",
            $"config set machine.{web.Name}.isolate_network true",
        ];
        Assert.All(keys, key => Assert.InRange(calls.IndexOf(key), 0, start - 1));
        Assert.Equal(["disk_bytes", "isolated", "isolate_network"], web.Log.OfType<MachineConfigured>().Select(c => c.Key));
        Assert.DoesNotContain(calls, c => c.StartsWith("create", StringComparison.Ordinal) && c.Contains("--isolate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_superseded_template_stays_while_a_live_session_leases_it_and_goes_once_none_does_well_within_its_max_age()
    {
        await CloneInNewSessionAsync("aaaa", s_base);
        var old = NameOf(s_base);
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        var changed = s_base.WithSetupStep("true");
        await CloneInNewSessionAsync("bbbb", changed);
        var newer = NameOf(changed);

        await using (var holder = _bed.NewProvisioner("cccc"))
        {
            await _bed.Drive(() => holder.EnsureAsync(MachineSpec.FromTemplate(s_base, "web")));
            await ReapAsync("dddd");

            Assert.True(_bed.OrbCtl.Exists(old)); // superseded, but a live session clones from it
        }
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        await ReapAsync("eeee");

        Assert.False(_bed.OrbCtl.Exists(old));
        Assert.Null(_bed.Ledger.Read(old));
        Assert.True(_bed.OrbCtl.Exists(newer)); // the newest build of its recipe, and young
        Assert.True(_bed.Time.GetUtcNow() - _bed.Ledger.Read(newer)!.UpdatedAt < _bed.Options.TemplateMaxAge);
    }

    [Fact]
    public async Task An_unused_template_is_kept_until_its_max_age_and_collected_after_it()
    {
        var options = _bed.Options with { TemplateMaxAge = TimeSpan.FromDays(2) };
        _bed.Options = options;
        await CloneInNewSessionAsync("aaaa", s_base);
        var template = NameOf(s_base);

        _bed.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromHours(1));
        await ReapAsync("bbbb");
        Assert.True(_bed.OrbCtl.Exists(template));

        _bed.Time.Advance(TimeSpan.FromHours(2));
        await ReapAsync("cccc");
        Assert.False(_bed.OrbCtl.Exists(template));
        Assert.Null(_bed.Ledger.Read(template));
    }
}
