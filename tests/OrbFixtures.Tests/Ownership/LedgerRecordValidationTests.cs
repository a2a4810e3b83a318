using System.Text.Json.Nodes;
using OrbFixtures.Ownership;
using Xunit;

namespace OrbFixtures.Tests.Ownership;

/// <summary>
/// The ledger distrusts its files field by field: a record that lacks anything the reaper and adoption decide with (its
/// world, spec hash, what the machine looks like, a complete owner, leases and claim) or whose machine ID is not a ULID
/// is skipped and reported with the kind of fault, never read as a record. Each case is a valid record with one field
/// broken.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerRecordValidationTests : IDisposable
{
    private const string Name = "of-k3x9-db";
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionOwner s_lessee = new("l3as", 4343, s_at.AddMinutes(-2), new ProcessPlace("machine-id:m", "host", "pid:[1]"));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "of-ledger-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly OwnershipLedger _ledger;
    private readonly string _file;

    public LedgerRecordValidationTests()
    {
        var state = new StateDirectory(_dir);
        state.EnsureSecure();
        _ledger = new OwnershipLedger(state);
        _ledger.Write(OwnershipLedgerTests.Record(Name, LedgerState.Reusable, "01J6BWXMDPEP62ANJWCXN6375F") with
        {
            Kind = MachineKind.Reusable,
            Leases = [s_lessee],
            Claim = new ReaperClaim(s_lessee, s_at),
        });
        _file = Path.Combine(_ledger.Directory, Name + ".json");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void The_record_every_case_breaks_is_valid_as_written()
    {
        var record = Assert.Single(_ledger.Scan().Records);

        Assert.Equal((Name, 1, s_lessee), (record.Name, record.Leases.Count, record.Claim!.Session));
    }

    [Theory]
    [InlineData("logicalName", "\"\"")]
    [InlineData("world", "\"\"")]
    [InlineData("specHash", "null")]
    [InlineData("revision", "\"\"")]
    [InlineData("expected", "null")]
    [InlineData("expected.distro", "\"\"")]
    [InlineData("expected.versions", "null")]
    [InlineData("owner", "null")]
    [InlineData("owner.sessionId", "\"\"")]
    [InlineData("owner.pid", "0")]
    [InlineData("owner.place", "null")]
    [InlineData("owner.place.hostId", "\"\"")]
    [InlineData("owner.place.hostName", "null")]
    [InlineData("owner.place.pidNamespace", "null")]
    [InlineData("leases", "null")]
    [InlineData("leases.0.pid", "-1")]
    [InlineData("claim.session", "null")]
    [InlineData("claim.session.sessionId", "\"\"")]
    public void A_record_with_a_field_missing_is_skipped_as_incomplete(string path, string value) =>
        Assert.Equal(LedgerProblemKind.Incomplete, ProblemWith(path, value));

    [Theory]
    [InlineData("state", "1")] // enums are written by name; a number is not a record of this format
    [InlineData("kind", "2")]
    [InlineData("state", "\"sold\"")]
    public void A_record_whose_state_or_kind_is_not_one_by_name_is_skipped(string path, string value) =>
        Assert.Equal(LedgerProblemKind.NotARecord, ProblemWith(path, value));

    [Theory]
    [InlineData("kind", "\"reusable, template\"")] // a combination of names that is no kind (the state is still valid)
    public void A_record_whose_kind_alone_is_unknown_is_skipped_as_incomplete(string path, string value) =>
        Assert.Equal(LedgerProblemKind.Incomplete, ProblemWith(path, value));

    [Fact]
    public void A_record_whose_machine_ID_is_not_a_ULID_is_skipped() =>
        Assert.Equal(LedgerProblemKind.IdNotUlid, ProblemWith("id", "\"mydev\""));

    [Fact]
    public void A_record_without_a_claim_or_a_ULID_is_valid()
    {
        Break("claim", "null");
        Break("id", "null");

        Assert.Null(Assert.Single(_ledger.Scan().Records).Claim);
    }

    [Fact]
    public void A_record_of_exactly_the_size_limit_is_read()
    {
        var text = File.ReadAllText(_file);
        File.WriteAllText(_file, text + new string(' ', OwnershipLedger.MaxRecordBytes - text.Length));

        Assert.Equal(OwnershipLedger.MaxRecordBytes, new FileInfo(_file).Length);
        Assert.NotNull(_ledger.Read(Name));
    }

    [Fact]
    public void Files_that_are_not_named_for_a_machine_are_reported_without_one_and_the_lock_file_is_not_reported()
    {
        _ledger.Lock().Dispose();
        File.WriteAllText(Path.Combine(_ledger.Directory, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(_ledger.Directory, "Bad_Name.json"), "");

        var scan = _ledger.Scan();

        Assert.Equal([Name], scan.Records.Select(r => r.Name));
        Assert.Equal([("Bad_Name.json", null, LedgerProblemKind.Empty), ("notes.txt", null, LedgerProblemKind.NotARecordName)],
            scan.Problems.Select(p => (p.File, p.MachineName, p.Kind)));
        Assert.All(scan.Problems, p => Assert.NotEmpty(p.Reason));
    }

    [Fact]
    public void A_session_that_only_holds_a_lease_has_a_record()
    {
        Assert.True(_ledger.HasSession(s_lessee.SessionId));
        Assert.False(_ledger.HasSession("zzzz"));
    }

    private LedgerProblemKind ProblemWith(string path, string value)
    {
        Break(path, value);

        var scan = _ledger.Scan();

        Assert.Empty(scan.Records);
        Assert.Null(_ledger.Read(Name));
        var problem = Assert.Single(scan.Problems);
        Assert.Equal((Name + ".json", Name), (problem.File, problem.MachineName));
        Assert.NotEmpty(problem.Reason);
        return problem.Kind;
    }

    /// <summary>Sets the field at <paramref name="path"/> (dot-separated, array indexes as numbers) to the JSON
    /// <paramref name="value"/> in the record's file.</summary>
    private void Break(string path, string value)
    {
        var root = JsonNode.Parse(File.ReadAllText(_file))!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        var replacement = JsonNode.Parse(value);
        if (int.TryParse(parts[^1], out var index)) parent[index] = replacement;
        else parent[parts[^1]] = replacement;
        File.WriteAllText(_file, root.ToJsonString());
    }
}
