using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Ownership;

public sealed class OwnershipProofTests
{
    private static readonly DateTimeOffset s_createStarted = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ExpectedMachine s_expected = ExpectedMachine.From(MachineSpec.Create("db", "ubuntu:22.04").WithUser("app").WithArch("arm64"));

    private static MachineInfo Machine(DateTimeOffset made, string distro = "ubuntu", string version = "jammy", string arch = "arm64",
        string? user = "app") =>
        new(Ulid.For(made, 42), "of-k3x9-db", MachineState.Running, "running", new MachineImage(distro, version, arch, "default"),
            user, false, null, null, null);

    [Fact]
    public void A_ULID_round_trips_its_millisecond_time_and_anything_else_is_not_a_ULID()
    {
        var id = Ulid.For(s_createStarted.AddMilliseconds(7), ulong.MaxValue);

        Assert.Equal(26, id.Length);
        Assert.Equal(s_createStarted.AddMilliseconds(7), Ulid.TimeOf(id));
        Assert.Equal(Ulid.TimeOf(id), Ulid.TimeOf(id.ToLowerInvariant()));
        Assert.Null(Ulid.TimeOf("01OLDULID0000000000000000X")); // O, L, U and I are not Crockford digits
        Assert.Null(Ulid.TimeOf(id[..25]));
        Assert.Null(Ulid.TimeOf(null));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_724_828_799_414), Ulid.TimeOf("01J6BWXMDPEP62ANJWCXN6375F")); // 2024-08-28 07:06:39.414
    }

    [Fact]
    public void The_recorded_ULID_proves_the_machine_and_any_other_refutes_it_whatever_its_time()
    {
        var machine = Machine(s_createStarted.AddSeconds(5));

        var recorded = OwnershipProof.Check(machine, machine.Id, null, s_expected);
        Assert.Equal((true, ProofKind.RecordedId), (recorded.IsProven, recorded.Kind));
        var recordedId = Ulid.For(s_createStarted);
        var other = OwnershipProof.Check(machine, recordedId, s_createStarted, s_expected);
        Assert.Equal((false, ProofKind.OtherThanRecordedId), (other.IsProven, other.Kind));
        // Both reasons name the ULIDs they compared.
        Assert.Contains(machine.Id, recorded.Reason, StringComparison.Ordinal);
        Assert.Contains(machine.Id, other.Reason, StringComparison.Ordinal);
        Assert.Contains(recordedId, other.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3_000, true)]
    [InlineData(-500, true)] // at the skew
    [InlineData(-501, false)] // beyond it
    [InlineData(-60_000, false)]
    public void Without_a_recorded_ULID_the_machine_must_be_made_after_our_create_began_within_the_clock_skew(int offsetMs, bool proven)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), OwnershipProof.ClockSkew);

        var proof = OwnershipProof.Check(Machine(s_createStarted.AddMilliseconds(offsetMs)), null, s_createStarted, s_expected);

        Assert.Equal((proven, proven ? ProofKind.MadeAfterCreate : ProofKind.MadeBeforeCreate), (proof.IsProven, proof.Kind));
        Assert.NotEmpty(proof.Reason);
    }

    [Theory]
    [InlineData("debian", "jammy", "arm64", "app", "its image is debian, the spec asks for ubuntu")]
    [InlineData("ubuntu", "noble", "arm64", "app", "its version is noble, the spec asks for 22.04 or jammy")]
    [InlineData("ubuntu", "jammy", "amd64", "app", "its architecture is amd64, the spec asks for arm64")]
    [InlineData("ubuntu", "jammy", "arm64", "root", "its default user is root, the spec asks for app")]
    public void A_machine_made_after_our_create_but_from_another_image_or_user_is_not_ours_and_the_message_reads_what_differs(
        string distro, string version, string arch, string user, string reason)
    {
        var proof = OwnershipProof.Check(Machine(s_createStarted.AddSeconds(1), distro, version, arch, user), null, s_createStarted, s_expected);

        Assert.Equal((false, ProofKind.SpecMismatch), (proof.IsProven, proof.Kind));
        // The one test of how a refuted proof reads: which property differs, and what the spec asks for.
        Assert.Equal($"{reason}, so another process made it", proof.Reason);
    }

    [Fact]
    public void What_the_spec_leaves_open_is_not_compared_and_image_names_are_those_orbctl_reports()
    {
        var expected = ExpectedMachine.From(MachineSpec.Create("db", "arch"));

        Assert.Equal(new[] { "archlinux" }, new[] { expected.Distro });
        Assert.Null(expected.Mismatch(Machine(s_createStarted, "archlinux", "current", "amd64", "someone")));
        Assert.Null(s_expected.Mismatch(Machine(s_createStarted, "ubuntu", "22.04")));
        Assert.Null(s_expected.Mismatch(Machine(s_createStarted, user: null))); // a version of orbctl that does not report the user
    }

    [Fact]
    public void Without_a_recorded_ULID_or_a_create_nothing_is_proven()
    {
        var machine = Machine(s_createStarted);

        var noCreate = OwnershipProof.Check(machine, null, null, s_expected);
        const string handMadeId = "mydev";
        var notUlid = OwnershipProof.Check(machine with { Id = handMadeId }, null, s_createStarted, s_expected);

        Assert.Equal((false, ProofKind.NoCreateStarted), Decision(noCreate));
        Assert.Equal((false, ProofKind.IdNotUlid), Decision(notUlid));
        Assert.NotEmpty(noCreate.Reason);
        Assert.Contains(handMadeId, notUlid.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expectation_keeps_an_unknown_distro_as_written_and_each_spelling_of_the_version_once()
    {
        var unknown = ExpectedMachine.From(MachineSpec.Create("db", "rhel:10"));

        Assert.Equal("rhel", unknown.Distro);
        Assert.Equal(["10"], unknown.Versions);
        Assert.Equal(["22.04", "jammy"], s_expected.Versions);
        Assert.Equal(["jammy"], ExpectedMachine.From(MachineSpec.Create("db", "ubuntu:jammy")).Versions);
        Assert.Empty(ExpectedMachine.From(MachineSpec.Create("db", "ubuntu")).Versions);
        Assert.Equal(("arm64", "app"), (s_expected.Arch, s_expected.User));
    }

    private static (bool IsProven, ProofKind Kind) Decision(ProofResult proof) => (proof.IsProven, proof.Kind);
}
