using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>Templates in the engine: built once (create, setup, seal, stop), recorded ready, cloned per machine with its
/// settings made before the first start; the three modes; what a failed or half-built build leaves (nothing to clone).</summary>
public sealed class TemplateTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();

    private static readonly MachineTemplate s_base = MachineTemplate.Create("web-base", "ubuntu:24.04")
        .WithSetupStep(TimeSpan.FromMinutes(5), "sh", "-c", "apt-get install -y nginx");

    public void Dispose() => _bed.Dispose();

    private async Task<Machine> RunSessionAsync(string sessionId, MachineSpec spec, OrbFixturesOptions? options = null)
    {
        await using var provisioner = _bed.NewProvisioner(sessionId, options);
        return await _bed.Drive(() => provisioner.EnsureAsync(spec));
    }

    private string TemplateName(MachineTemplate template) =>
        Assert.Single(_bed.OrbCtl.Calls.Where(c => c.StartsWith("clone ", StringComparison.Ordinal)).Select(c => c.Split(' ')[1]).Distinct());

    private int CreatesOf(string name) => _bed.OrbCtl.Calls.Count(c => c == $"create {name}");

    private int IndexOf(string call) => _bed.OrbCtl.Calls.ToList().IndexOf(call);

    [Fact]
    public async Task The_first_session_builds_seals_and_stops_the_template_then_clones_it()
    {
        var web = await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));

        var template = TemplateName(s_base);
        Assert.Matches("^of-tpl-web-base-[0-9a-f]{8}\\z", template);
        Assert.Equal(1, CreatesOf(template));
        Assert.Equal(0, CreatesOf(web.Name));
        int[] order =
        [
            IndexOf($"create {template}"), IndexOf($"run {template} sh -c apt-get install -y nginx"),
            IndexOf($"run {template} truncate -s 0 /etc/machine-id"), IndexOf($"stop {template}"), IndexOf($"clone {template} {web.Name}"),
            IndexOf($"start {web.Name}"),
        ];
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Equal(ReadyVia.Cloned, Assert.Single(web.Log.OfType<MachineReady>()).Via);
        Assert.Equal(template, Assert.Single(web.Log.OfType<TemplateBuilt>()).Template);
        var record = _bed.Ledger.Read(template)!;
        Assert.Equal((MachineKind.Template, LedgerState.Reusable), (record.Kind, record.State));
        Assert.Empty(record.Leases);
        Assert.Equal(MachineState.Stopped, _bed.OrbCtl.Machines[template].StateAt(_bed.Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_later_session_clones_the_ready_template_without_building_it()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));
        var template = TemplateName(s_base);

        var second = await RunSessionAsync("bbbb", MachineSpec.FromTemplate(s_base, "web"));

        Assert.Equal(1, CreatesOf(template));
        Assert.Empty(second.Log.OfType<TemplateBuilt>());
        Assert.Equal(template, Assert.Single(second.Log.OfType<TemplateReused>()).Template);
        Assert.Equal(ReadyVia.Cloned, Assert.Single(second.Log.OfType<MachineReady>()).Via);
    }

    [Fact]
    public async Task The_run_report_says_which_machine_was_cloned_from_which_template_and_which_run_built_it()
    {
        var report = Path.Combine(_bed.StateDirectory, "report.json");
        var options = _bed.Options with { ReportPath = report };
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"), options);
        await RunSessionAsync("bbbb", MachineSpec.FromTemplate(s_base, "web"), options);

        var machines = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(report))!["machines"]!.AsArray();
        var clones = machines.Where(m => (string?)m!["kind"] == "machine").Select(m => m!["template"]!).ToList();
        Assert.Equal([true, false], clones.Select(t => (bool)t["built"]!));
        Assert.All(clones, t => Assert.True((bool)t["cloned"]!));
        Assert.All(clones, t => Assert.Equal(TemplateName(s_base), (string?)t["name"]));
        Assert.NotNull(clones[0]["buildCostMs"]);
        Assert.Single(machines, m => (string?)m!["kind"] == "template");
    }

    [Fact]
    public async Task Sealing_cleans_cloud_init_only_where_the_template_has_user_data()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base.WithUserData("#cloud-config\n"), "web"));
        var withCloudInit = TemplateName(s_base);

        Assert.Contains($"run {withCloudInit} cloud-init clean --logs --machine-id --seed", _bed.OrbCtl.Calls);
        Assert.Contains($"run {withCloudInit} truncate -s 0 /etc/machine-id", _bed.OrbCtl.Calls);
        Assert.True(_bed.Recorded.OfType<TemplateSealed>().Single().CloudInitCleaned);
    }

    [Fact]
    public async Task Sealing_without_user_data_only_empties_the_machine_id()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));

        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.Contains("cloud-init clean", StringComparison.Ordinal));
        Assert.False(_bed.Recorded.OfType<TemplateSealed>().Single().CloudInitCleaned);
    }

    [Fact]
    public async Task A_clone_gets_its_own_resources_as_config_keys_before_its_first_start()
    {
        var web = await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base.WithCpus(1), "web").WithCpus(2).WithMemory(2048));

        var start = IndexOf($"start {web.Name}");
        Assert.InRange(IndexOf($"config set machine.{web.Name}.cpu 2"), 0, start - 1);
        Assert.InRange(IndexOf($"config set machine.{web.Name}.memory_mib 2048"), 0, start - 1);
        Assert.Equal(2, web.Log.OfType<MachineConfigured>().Count);
        Assert.Contains(_bed.OrbCtl.Calls, c => c.StartsWith("create of-tpl-web-base-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clone_without_overrides_sets_nothing()
    {
        var web = await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base.WithCpus(1), "web"));

        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("config set", StringComparison.Ordinal));
        Assert.Empty(web.Log.OfType<MachineConfigured>());
    }

    [Fact]
    public async Task The_hash_follows_what_shapes_the_template_and_ignores_step_timeouts_and_the_name()
    {
        var hasher = new SpecHasher(new byte[32]);
        var hash = hasher.Hash(s_base);
        MachineTemplate[] different =
        [
            MachineTemplate.Create("web-base", "ubuntu:22.04").WithSetupStep(TimeSpan.FromMinutes(5), "sh", "-c", "apt-get install -y nginx"),
            s_base.WithUser("app"), s_base.WithArch("amd64"), s_base.WithUserData("#cloud-config\n"), s_base.WithSetupStep("true"),
            s_base.WithCpus(2), s_base.WithMemory(1024), s_base.WithDisk(8), s_base.WithIsolation(),
            MachineTemplate.Create("web-base", "ubuntu:24.04").WithSetupStep("sh", "-c", "apt-get install -y httpd"),
            MachineTemplate.Create("web-base", "ubuntu:24.04").WithSetupStep("true").WithSetupStep("sh", "-c", "apt-get install -y nginx"),
        ];
        MachineTemplate[] same =
        [
            MachineTemplate.Create("web-base", "ubuntu:24.04").WithSetupStep(TimeSpan.FromHours(1), "sh", "-c", "apt-get install -y nginx"),
            MachineTemplate.Create("other", "ubuntu:24.04").WithSetupStep("sh", "-c", "apt-get install -y nginx"),
        ];

        Assert.Equal(different.Length, different.Select(hasher.Hash).Append(hash).Distinct().Count() - 1);
        Assert.All(same, t => Assert.Equal(hash, hasher.Hash(t)));
        Assert.StartsWith($"template-format-{MachineTemplate.FormatVersion}\u001f", s_base.CanonicalShape(), StringComparison.Ordinal);
        Assert.NotEqual(hash, new SpecHasher(Enumerable.Repeat((byte)1, 32).ToArray()).Hash(s_base));
    }

    [Fact]
    public async Task A_destructive_test_gets_a_fresh_clone_and_the_damaged_one_is_deleted()
    {
        await using var provisioner = _bed.NewProvisioner("aaaa");
        var damaged = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.FromTemplate(s_base, "web")));
        var template = TemplateName(s_base);

        var fresh = await _bed.Drive(() => provisioner.RenewAsync(damaged));

        Assert.Equal(damaged.Name, fresh.Name);
        Assert.NotEqual(damaged.Id, fresh.Id);
        Assert.Equal(_bed.OrbCtl.Machines[fresh.Name].Id, fresh.Id);
        Assert.True(IndexOf($"delete {damaged.Name}") < _bed.OrbCtl.Calls.ToList().LastIndexOf($"clone {template} {fresh.Name}"));
        Assert.Equal(1, CreatesOf(template));
        Assert.Equal([ReadyVia.Cloned, ReadyVia.Cloned], fresh.Log.OfType<MachineReady>().Select(r => r.Via));
        await Assert.ThrowsAsync<ArgumentException>(() => provisioner.RenewAsync(damaged));
    }

    [Fact]
    public async Task A_template_deleted_by_hand_between_runs_is_rebuilt()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));
        var template = TemplateName(s_base);
        _bed.OrbCtl.Machines.Remove(template);

        var second = await RunSessionAsync("bbbb", MachineSpec.FromTemplate(s_base, "web"));

        Assert.Equal(2, CreatesOf(template));
        Assert.Equal(TemplateBuildReason.Missing, Assert.Single(second.Log.OfType<TemplateBuildStarted>()).Reason);
        Assert.Equal(_bed.OrbCtl.Machines[template].Id, _bed.Ledger.Read(template)!.Id);
    }

    [Fact]
    public async Task Rebuild_mode_leaves_a_template_that_another_live_session_clones_from()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));
        var template = TemplateName(s_base);
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        await using var holder = _bed.NewProvisioner("bbbb");
        await _bed.Drive(() => holder.EnsureAsync(MachineSpec.FromTemplate(s_base, "web")));

        var third = await RunSessionAsync("cccc", MachineSpec.FromTemplate(s_base, "web"), _bed.Options with { Templates = TemplateMode.Rebuild });

        Assert.Equal(1, CreatesOf(template));
        Assert.Single(third.Log.OfType<TemplateReused>());
    }

    [Fact]
    public async Task Rebuild_mode_builds_a_template_of_an_earlier_run_once_more_then_clones_as_usual()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));
        var template = TemplateName(s_base);
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        var rebuild = _bed.Options with { Templates = TemplateMode.Rebuild };

        await using (var provisioner = _bed.NewProvisioner("bbbb", rebuild))
        {
            var web = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.FromTemplate(s_base, "web")));
            var api = await _bed.Drive(() => provisioner.EnsureAsync(MachineSpec.FromTemplate(s_base, "api")));
            Assert.Equal(TemplateBuildReason.Rebuild, Assert.Single(web.Log.OfType<TemplateDiscarded>()).Reason);
            Assert.Single(api.Log.OfType<TemplateReused>());
        }
        var third = await RunSessionAsync("cccc", MachineSpec.FromTemplate(s_base, "web"), rebuild);

        Assert.Equal(3, CreatesOf(template));
        Assert.Single(third.Log.OfType<TemplateBuilt>());
    }

    [Fact]
    public async Task Off_mode_creates_the_machine_from_scratch_and_runs_the_setup_steps_on_it()
    {
        var web = await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"), _bed.Options with { Templates = TemplateMode.Off });

        Assert.Equal(1, CreatesOf(web.Name));
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("clone", StringComparison.Ordinal) || c.Contains("-tpl-", StringComparison.Ordinal));
        Assert.Contains($"run {web.Name} sh -c apt-get install -y nginx", _bed.OrbCtl.Calls);
        Assert.True(Assert.Single(web.Log.OfType<SetupStepFinished>()).Passed);
        Assert.Equal(ReadyVia.Created, Assert.Single(web.Log.OfType<MachineReady>()).Via);
    }

    [Fact]
    public async Task A_failed_setup_step_leaves_no_template_and_nothing_is_cloned()
    {
        _bed.OrbCtl.OnRun = r => r.Command[0] == "sh" ? new CommandResult(100, "", "E: Unable to locate package nginx", TimeSpan.FromSeconds(1)) : null;

        var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() => RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web")));

        Assert.Single(failure.Log.Events.OfType<ProvisioningFailed>());
        Assert.Contains(failure.Log.Events, e => e is TemplateBuildStarted);
        Assert.Empty(_bed.OrbCtl.Machines);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("clone", StringComparison.Ordinal));
        Assert.Empty(_bed.Ledger.Scan().Records);
        Assert.Equal(100, _bed.Recorded.OfType<SetupStepFinished>().Single().ExitCode);
    }

    [Fact]
    public async Task A_half_built_template_of_a_dead_builder_is_deleted_and_rebuilt_before_any_clone()
    {
        // The sweep at the start of the session or the template build removes it, whichever comes first.
        var name = _bed.NewProvisioner("nnnn").MachineNameFor(s_base);
        var deadBuilder = new ProcessIdentity(4242, FakeLiveness.Started);
        var halfBuilt = _bed.OrbCtl.AddMachine(name);
        _bed.WriteRecord(name, halfBuilt.Id, deadBuilder, "dead", LedgerState.Creating, kind: MachineKind.Template);

        var web = await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));

        Assert.True(IndexOf($"delete {name}") < IndexOf($"create {name}"));
        Assert.True(IndexOf($"create {name}") < IndexOf($"clone {name} {web.Name}"));
        Assert.NotEqual(halfBuilt.Id, _bed.Ledger.Read(name)!.Id);
        Assert.Equal(LedgerState.Reusable, _bed.Ledger.Read(name)!.State);
    }

    [Fact]
    public async Task A_half_built_template_whose_builder_no_longer_builds_it_is_discarded_by_the_next_build()
    {
        var name = _bed.NewProvisioner("nnnn").MachineNameFor(s_base);
        // A live session whose build failed without cleaning up: it does not hold the template's lock, so it is not building.
        var halfBuilt = _bed.OrbCtl.AddMachine(name);
        _bed.WriteRecord(name, halfBuilt.Id, _bed.Liveness.Current, "live", LedgerState.Creating, kind: MachineKind.Template);

        var web = await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));

        Assert.Equal(TemplateBuildReason.HalfBuilt, Assert.Single(web.Log.OfType<TemplateDiscarded>()).Reason);
        Assert.True(IndexOf($"delete {name}") < IndexOf($"create {name}"));
        Assert.NotEqual(halfBuilt.Id, _bed.Ledger.Read(name)!.Id);
        Assert.Equal(LedgerState.Reusable, _bed.Ledger.Read(name)!.State);
    }

    [Fact]
    public async Task A_machine_under_the_template_name_that_is_not_ours_is_never_touched_or_cloned()
    {
        var name = _bed.NewProvisioner("nnnn").MachineNameFor(s_base);
        _bed.OrbCtl.AddMachine(name, MachineState.Stopped);

        var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() => RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web")));

        Assert.Equal(OrbCtlErrorKind.AlreadyExists, failure.Kind);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("clone", StringComparison.Ordinal) || c == $"delete {name}");
    }

    [Fact]
    public async Task A_clone_that_fails_midway_leaves_nothing_behind()
    {
        var name = _bed.NewProvisioner("nnnn").MachineNameFor(s_base);
        _bed.OrbCtl.FailCloneOf = name;

        await Assert.ThrowsAsync<MachineProvisioningException>(() => RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web")));

        Assert.Equal([name], _bed.OrbCtl.Machines.Keys);
        Assert.Equal([name], _bed.Ledger.Scan().Records.Select(r => r.Name));
    }

    [Fact]
    public async Task Two_sessions_at_once_build_the_template_once_and_both_clone_it()
    {
        await using var first = _bed.NewProvisioner("aaaa");
        await using var second = _bed.NewProvisioner("bbbb");

        var machines = await _bed.Drive(() => Task.WhenAll(
            first.EnsureAsync(MachineSpec.FromTemplate(s_base, "web")), second.EnsureAsync(MachineSpec.FromTemplate(s_base, "web"))));

        var template = TemplateName(s_base);
        Assert.Equal(1, CreatesOf(template));
        Assert.Single(machines.SelectMany(m => m.Log.OfType<TemplateBuilt>()));
        Assert.Single(machines.SelectMany(m => m.Log.OfType<TemplateReused>()));
        Assert.Single(machines.SelectMany(m => m.Log.OfType<WaitingForTemplate>()));
        Assert.All(machines, m => Assert.Equal(ReadyVia.Cloned, m.Log.OfType<MachineReady>().Single().Via));
    }

    [Fact]
    public async Task Superseded_and_old_templates_are_collected_only_when_no_lease_holds_them()
    {
        await RunSessionAsync("aaaa", MachineSpec.FromTemplate(s_base, "web"));
        var old = TemplateName(s_base);
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        var changed = s_base.WithSetupStep("true");
        var newer = _bed.NewProvisioner("nnnn").MachineNameFor(changed);
        await using (var holder = _bed.NewProvisioner("bbbb"))
        {
            await _bed.Drive(() => holder.EnsureAsync(MachineSpec.FromTemplate(changed, "web")));
            _bed.Time.Advance(TimeSpan.FromDays(8));
            await using var reaper = _bed.NewProvisioner("cccc");
            await _bed.Drive(() => reaper.ReapAsync());

            Assert.False(_bed.OrbCtl.Exists(old));
            Assert.True(_bed.OrbCtl.Exists(newer)); // older than the max age, but leased by a live session
        }
        await using (var reaper = _bed.NewProvisioner("dddd"))
        {
            _bed.Time.Advance(TimeSpan.FromDays(8));
            await _bed.Drive(() => reaper.ReapAsync());
        }

        Assert.False(_bed.OrbCtl.Exists(newer));
        Assert.DoesNotContain(_bed.Ledger.Scan().Records, r => r.Kind == MachineKind.Template);
    }
}
