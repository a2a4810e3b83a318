using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class ReuseTests : IDisposable
{
    private readonly ProvisioningBed _bed = new();
    private static readonly MachineSpec s_cache = MachineSpec.Create("cache", "alpine").WithReuse();

    public void Dispose() => _bed.Dispose();

    private async Task<Machine> RunSessionAsync(string sessionId, MachineSpec spec)
    {
        await using var provisioner = _bed.NewProvisioner(sessionId);
        return await _bed.Drive(() => provisioner.EnsureAsync(spec));
    }

    [Fact]
    public async Task A_reusable_machine_is_kept_at_the_end_under_a_session_independent_name()
    {
        var machine = await RunSessionAsync("aaaa", s_cache);

        Assert.Equal("of-reuse-cache", machine.Name);
        Assert.True(_bed.OrbCtl.Exists("of-reuse-cache"));
        var record = _bed.Ledger.Read("of-reuse-cache")!;
        Assert.Equal(LedgerState.Reusable, record.State);
        Assert.Equal(machine.Id, record.Id);
        Assert.DoesNotContain(_bed.OrbCtl.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_later_session_adopts_the_reusable_machine_without_a_create()
    {
        var first = await RunSessionAsync("aaaa", s_cache);
        var before = _bed.OrbCtl.Calls.Count;

        var second = await RunSessionAsync("bbbb", MachineSpec.Create("cache", "alpine").WithReuse());

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(["info of-reuse-cache", "run of-reuse-cache true"], _bed.OrbCtl.Calls.Skip(before));
        Assert.Equal("reused", second.Journal.How);
        Assert.Equal(LedgerState.Reusable, _bed.Ledger.Read("of-reuse-cache")!.State);
    }

    [Fact]
    public async Task A_changed_spec_deletes_the_reusable_machine_and_recreates_it()
    {
        var first = await RunSessionAsync("aaaa", s_cache);
        var before = _bed.OrbCtl.Calls.Count;

        var second = await RunSessionAsync("bbbb", s_cache.WithUser("app"));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(["info of-reuse-cache", "delete of-reuse-cache", "create of-reuse-cache"],
            _bed.OrbCtl.Calls.Skip(before).Where(c => !c.StartsWith("run", StringComparison.Ordinal)).Distinct().Take(3));
        Assert.Equal(second.Journal.SpecHash, _bed.Ledger.Read("of-reuse-cache")!.SpecHash);
    }

    [Fact]
    public async Task A_reusable_machine_in_use_by_a_live_session_with_another_spec_is_not_touched()
    {
        var other = new ProcessIdentity(2000, FakeLiveness.Started);
        _bed.Liveness.Alive.Add(other);
        var machine = _bed.OrbCtl.AddMachine("of-reuse-cache");
        _bed.WriteRecord("of-reuse-cache", machine.Id, other, "zzzz", LedgerState.Ready, specHash: "someotherhash");
        await using var provisioner = _bed.NewProvisioner("bbbb");

        var e = await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_cache)));

        Assert.Contains("in use by live process 2000 with a different spec", e.Message, StringComparison.Ordinal);
        Assert.Equal(["info of-reuse-cache"], _bed.OrbCtl.Calls);
        Assert.True(_bed.OrbCtl.Exists("of-reuse-cache"));
    }

    [Fact]
    public async Task A_machine_with_a_reuse_name_but_no_ledger_record_is_foreign()
    {
        _bed.OrbCtl.AddMachine("of-reuse-cache");
        await using var provisioner = _bed.NewProvisioner();

        await Assert.ThrowsAsync<MachineProvisioningException>(() => _bed.Drive(() => provisioner.EnsureAsync(s_cache)));

        Assert.Equal(["info of-reuse-cache"], _bed.OrbCtl.Calls);
    }
}
