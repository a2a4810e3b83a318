using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

/// <summary>The adoption verdict on a machine found under a name: adopted only with proof, and the reason names what
/// decided (the ULID, the spec hashes, the owner).</summary>
public sealed class AdoptionTests : IDisposable
{
    private const string Name = "of-t3st-db";
    private static readonly ProcessIdentity s_dead = new(3000, FakeLiveness.Started);
    private readonly ProvisioningBed _bed = new();
    private readonly ProvisioningSession _session;

    public AdoptionTests() => _session = _bed.NewSession();

    public void Dispose() => _bed.Dispose();

    private MachineJournal Journal(MachineKind kind, string specHash = "hash", string image = "ubuntu") =>
        new(MachineSpec.Create("db", image), Name, specHash, new MachineLog(Name), _bed.Time, kind);

    private async Task<(MachineInfo Info, LedgerRecord Record)> Found(MachineKind kind, ProcessIdentity owner, string session = "t3st")
    {
        var machine = _bed.OrbCtl.AddMachine(Name);
        var record = _bed.WriteRecord(Name, machine.Id, owner, session, kind == MachineKind.Session ? LedgerState.Ready : LedgerState.Reusable,
            kind: kind);
        return ((await _bed.OrbCtl.GetInfoAsync(Name))!, record);
    }

    [Fact]
    public async Task A_reusable_machine_of_another_spec_is_foreign_and_the_reason_names_both_hashes()
    {
        var (info, record) = await Found(MachineKind.Reusable, s_dead, "reuse");

        var journal = Journal(MachineKind.Reusable, specHash: "otherhash");

        var verdict = Adoption.Decide(info, record, journal, _session);

        Assert.False(verdict.Adopt);
        Assert.Contains(record.SpecHash, verdict.Reason, StringComparison.Ordinal);
        Assert.Contains(journal.SpecHash, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reusable_machine_of_the_same_spec_is_adopted_and_the_reason_names_its_hash_and_ULID()
    {
        var (info, record) = await Found(MachineKind.Reusable, s_dead, "reuse");

        var verdict = Adoption.Decide(info, record, Journal(MachineKind.Reusable), _session);

        Assert.True(verdict.Adopt);
        Assert.Same(record, verdict.Record);
        Assert.Contains(record.SpecHash, verdict.Reason, StringComparison.Ordinal);
        Assert.Contains(info.Id, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reusable_machine_of_the_same_hash_but_another_image_is_foreign_and_the_reason_names_the_image()
    {
        var (info, record) = await Found(MachineKind.Reusable, s_dead, "reuse");

        var verdict = Adoption.Decide(info, record, Journal(MachineKind.Reusable, image: "debian"), _session);

        Assert.False(verdict.Adopt);
        Assert.Null(verdict.Record);
        Assert.Contains(info.Image.Distro, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_sessions_own_machine_is_adopted_and_the_reason_names_its_ULID()
    {
        var (info, record) = await Found(MachineKind.Session, _bed.Liveness.Current);

        var verdict = Adoption.Decide(info, record, Journal(MachineKind.Session), _session);

        Assert.True(verdict.Adopt);
        Assert.Contains(info.Id, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_of_a_session_that_exited_is_foreign_and_the_reason_names_that_session()
    {
        var (info, record) = await Found(MachineKind.Session, s_dead, "d3ad");

        var verdict = Adoption.Decide(info, record, Journal(MachineKind.Session), _session);

        Assert.False(verdict.Adopt);
        Assert.Contains(record.Owner.ToString(), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_of_the_other_kind_is_foreign_and_the_reason_tells_which_way_round_the_kinds_differ()
    {
        var (info, reusable) = await Found(MachineKind.Reusable, s_dead, "reuse");
        var session = _bed.Ledger.Write(reusable with { Kind = MachineKind.Session, Owner = _session.Me, Leases = [] });

        var sessionFindsReusable = Adoption.Decide(info, reusable, Journal(MachineKind.Session), _session);
        var reuseFindsSessions = Adoption.Decide(info, session, Journal(MachineKind.Reusable), _session);

        Assert.False(sessionFindsReusable.Adopt);
        Assert.False(reuseFindsSessions.Adopt);
        Assert.NotEqual(sessionFindsReusable.Reason, reuseFindsSessions.Reason);
    }
}
