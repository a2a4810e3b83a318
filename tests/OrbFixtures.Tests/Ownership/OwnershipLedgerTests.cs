using System.Diagnostics;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Ownership;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnershipLedgerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "of-ledger-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionOwner s_owner = new("k3x9", 4242, s_at.AddMinutes(-3), new ProcessPlace("machine-id:m", "host", "pid:[1]"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string LedgerDir => Path.Combine(_dir, "ledger");

    internal static LedgerRecord Record(string name, LedgerState state = LedgerState.Creating, string? id = null) => new()
    {
        Name = name, LogicalName = "db", Kind = MachineKind.Session, World = "orbctl=/usr/local/bin/orbctl", Id = id,
        SpecHash = "0123456789abcdef", Expected = new ExpectedMachine("ubuntu", ["22.04", "jammy"], null, "app"),
        CreateStartedAt = s_at.AddMinutes(-1), State = state, Owner = s_owner, UpdatedAt = s_at,
    };

    private OwnershipLedger NewLedger()
    {
        var state = new StateDirectory(_dir);
        state.EnsureSecure();
        return new OwnershipLedger(state);
    }

    [Fact]
    public void A_record_round_trips_through_its_own_private_file()
    {
        var ledger = NewLedger();

        var written = ledger.Write(Record("of-k3x9-db", LedgerState.Ready, "01J6BWXMDPEP62ANJWCXN6375F"));

        var read = new OwnershipLedger(_dir).Read("of-k3x9-db")!;
        Assert.Equal(written.Revision, read.Revision);
        Assert.Equal(32, read.Revision.Length);
        Assert.Equal(("01J6BWXMDPEP62ANJWCXN6375F", LedgerState.Ready, s_owner, "jammy"), (read.Id, read.State, read.Owner, read.Expected.Versions[1]));
        var file = Path.Combine(LedgerDir, "of-k3x9-db.json");
        Assert.Contains("\"state\": \"ready\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Empty(Directory.GetFiles(LedgerDir, "*.tmp"));
    }

    [Fact]
    public void Records_are_listed_removed_and_found_by_session()
    {
        var ledger = NewLedger();
        ledger.Write(Record("of-k3x9-b"));
        ledger.Write(Record("of-k3x9-a"));

        ledger.Remove("of-k3x9-b");
        ledger.Remove("of-k3x9-missing");

        Assert.Equal(["of-k3x9-a"], ledger.ReadAll().Select(r => r.Name));
        Assert.True(ledger.HasSession("k3x9"));
        Assert.False(ledger.HasSession("zzzz"));
    }

    [Theory]
    [InlineData("{ \"name\": ", nameof(LedgerProblemKind.NotARecord))]
    [InlineData("{}", nameof(LedgerProblemKind.NotARecord))]
    [InlineData("", nameof(LedgerProblemKind.Empty))]
    [InlineData("null", nameof(LedgerProblemKind.NotARecord))]
    [InlineData("[]", nameof(LedgerProblemKind.NotARecord))]
    public void A_damaged_file_is_reported_by_name_never_read_as_a_record_and_never_deleted(string content, string kind)
    {
        var ledger = NewLedger();
        ledger.Write(Record("of-k3x9-a"));
        var damaged = Path.Combine(LedgerDir, "of-k3x9-b.json");
        File.WriteAllText(damaged, content);

        var scan = ledger.Scan();

        Assert.Null(ledger.Read("of-k3x9-b"));
        Assert.Equal(["of-k3x9-a"], scan.Records.Select(r => r.Name));
        var problem = Assert.Single(scan.Problems);
        Assert.Equal(("of-k3x9-b.json", "of-k3x9-b", Enum.Parse<LedgerProblemKind>(kind)), (problem.File, problem.MachineName, problem.Kind));
        Assert.True(File.Exists(damaged));
    }

    [Fact]
    public void A_record_that_names_another_machine_than_its_file_or_holds_nulls_or_an_old_format_is_skipped()
    {
        var ledger = NewLedger();
        var valid = File.ReadAllText(Path.Combine(LedgerDir, ledger.Write(Record("of-k3x9-db")).Name + ".json"));
        File.WriteAllText(Path.Combine(LedgerDir, "mydev.json"), valid); // planted: a record of of-k3x9-db under mydev's name
        File.WriteAllText(Path.Combine(LedgerDir, "of-k3x9-nulls.json"), valid.Replace("\"of-k3x9-db\"", "\"of-k3x9-nulls\"", StringComparison.Ordinal)
            .Replace("\"k3x9\"", "null", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(LedgerDir, "of-k3x9-old.json"), valid.Replace("\"of-k3x9-db\"", "\"of-k3x9-old\"", StringComparison.Ordinal)
            .Replace("\"format\": 2", "\"format\": 1", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(LedgerDir, "Bad_Name.json"), valid.Replace("\"of-k3x9-db\"", "\"Bad_Name\"", StringComparison.Ordinal));

        var scan = ledger.Scan();

        Assert.Equal(["of-k3x9-db"], scan.Records.Select(r => r.Name));
        Assert.Equal(
            [("Bad_Name.json", LedgerProblemKind.InvalidMachineName), ("mydev.json", LedgerProblemKind.NameNotItsFile),
             ("of-k3x9-nulls.json", LedgerProblemKind.Incomplete), ("of-k3x9-old.json", LedgerProblemKind.OtherFormat)],
            scan.Problems.Select(p => (p.File, p.Kind)));
        // Each reason names the values it found wrong: the bad name, both names, both formats.
        var reasons = scan.Problems.ToDictionary(p => p.File, p => p.Reason);
        const string badName = "Bad_Name", planted = "of-k3x9-db", file = "mydev";
        Assert.Contains(badName, reasons[badName + ".json"], StringComparison.Ordinal);
        Assert.Contains(planted, reasons[file + ".json"], StringComparison.Ordinal);
        Assert.Contains(file, reasons[file + ".json"], StringComparison.Ordinal);
        Assert.Equal([1, LedgerRecord.CurrentFormat], Numbers(reasons["of-k3x9-old.json"]));
    }

    [Fact]
    public async Task A_FIFO_a_link_and_an_oversized_file_are_reported_without_being_opened()
    {
        var ledger = NewLedger();
        ledger.Write(Record("of-k3x9-a"));
        await RunAsync("mkfifo", Path.Combine(LedgerDir, "of-k3x9-fifo.json"));
        File.CreateSymbolicLink(Path.Combine(LedgerDir, "of-k3x9-link.json"), Path.Combine(LedgerDir, "of-k3x9-a.json"));
        File.WriteAllText(Path.Combine(LedgerDir, "of-k3x9-big.json"), new string(' ', OwnershipLedger.MaxRecordBytes + 1));

        // A FIFO opened for reading would block this call for ever.
        var scan = await Task.Run(ledger.Scan).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["of-k3x9-a"], scan.Records.Select(r => r.Name));
        Assert.Equal(["of-k3x9-big.json", "of-k3x9-fifo.json", "of-k3x9-link.json"], scan.Problems.Select(p => p.File));
        Assert.Equal([LedgerProblemKind.TooLarge, LedgerProblemKind.NotARegularFile, LedgerProblemKind.NotARegularFile],
            scan.Problems.Select(p => p.Kind));
        Assert.Null(ledger.Read("of-k3x9-fifo"));
        // The reasons name the limit (in KiB) and what each file is instead.
        Assert.Equal([OwnershipLedger.MaxRecordBytes / 1024], Numbers(scan.Problems[0].Reason));
        Assert.Contains(nameof(UnixFile.FileKind.Fifo), scan.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains(nameof(UnixFile.FileKind.SymbolicLink), scan.Problems[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_nothing_is_reported_as_a_link_and_left_in_place()
    {
        var ledger = NewLedger();
        ledger.Write(Record("of-k3x9-a"));
        var dangling = Path.Combine(LedgerDir, "of-k3x9-gone.json");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir, "nowhere.json"));

        var scan = ledger.Scan();

        Assert.Equal(["of-k3x9-a"], scan.Records.Select(r => r.Name));
        var problem = Assert.Single(scan.Problems);
        Assert.Equal(("of-k3x9-gone.json", "of-k3x9-gone", LedgerProblemKind.NotARegularFile), (problem.File, problem.MachineName, problem.Kind));
        Assert.Null(ledger.Read("of-k3x9-gone"));
        Assert.NotNull(new FileInfo(dangling).LinkTarget);
    }

    [Fact]
    public void A_folder_named_like_a_record_is_reported_as_a_folder_and_left_in_place()
    {
        var ledger = NewLedger();
        var folder = Path.Combine(LedgerDir, "of-k3x9-dir.json");
        Directory.CreateDirectory(folder);

        var problem = Assert.Single(ledger.Scan().Problems);

        Assert.Equal(("of-k3x9-dir.json", LedgerProblemKind.NotARegularFile), (problem.File, problem.Kind));
        Assert.Contains(nameof(UnixFile.FileKind.Directory), problem.Reason, StringComparison.Ordinal);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void Only_a_dot_file_ending_in_the_temp_suffix_is_taken_for_a_writers_temp_file()
    {
        var ledger = NewLedger();
        ledger.Write(Record("of-k3x9-a"));
        // Old enough to be cleaned if they were temp files; neither has the temp file's shape (".NAME...tmp").
        var hidden = Path.Combine(LedgerDir, ".notes");
        var tmp = Path.Combine(LedgerDir, "of-k3x9-a.json" + AtomicFile.TempSuffix);
        foreach (var file in new[] { hidden, tmp })
        {
            File.WriteAllText(file, "mine");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));
        }

        var scan = ledger.Scan();

        Assert.Equal([(".notes", LedgerProblemKind.NotARecordName), (Path.GetFileName(tmp), LedgerProblemKind.NotARecordName)],
            scan.Problems.Select(p => (p.File, p.Kind)));
        Assert.True(File.Exists(hidden));
        Assert.True(File.Exists(tmp));
    }

    [Fact]
    public async Task A_link_named_like_a_temp_file_is_never_deleted_however_old()
    {
        var ledger = NewLedger();
        var target = Path.Combine(_dir, "someone-elses.json");
        File.WriteAllText(target, "theirs");
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddDays(-1));
        var link = Path.Combine(LedgerDir, ".of-k3x9-db.json.0123" + AtomicFile.TempSuffix);
        File.CreateSymbolicLink(link, target);
        await RunAsync("touch", "-h", "-d", "2020-01-01T00:00:00Z", link); // the link itself is old too

        var scan = ledger.Scan();

        Assert.Empty(scan.Problems);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void A_stale_temp_file_of_a_writer_that_died_is_cleaned_and_a_fresh_one_is_left_to_its_writer()
    {
        var ledger = NewLedger();
        var stale = Path.Combine(LedgerDir, ".of-k3x9-db.json.0123" + AtomicFile.TempSuffix);
        var fresh = Path.Combine(LedgerDir, ".of-k3x9-db.json.4567" + AtomicFile.TempSuffix);
        File.WriteAllText(stale, "{");
        File.WriteAllText(fresh, "{");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));

        var scan = ledger.Scan();

        Assert.Empty(scan.Problems);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task Concurrent_writers_never_leave_a_torn_record()
    {
        var ledger = NewLedger();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var j = 0; j < 25; j++) ledger.Write(Record("of-k3x9-db", LedgerState.Ready, Ulid.For(s_at, (ulong)(i * 100 + j))));
        })));

        Assert.NotNull(ledger.Read("of-k3x9-db")!.Id);
        Assert.Empty(ledger.Scan().Problems);
        Assert.Single(Directory.GetFiles(LedgerDir), f => f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_changed_between_read_and_claim_is_left_alone()
    {
        var ledger = NewLedger();
        var read = ledger.Write(Record("of-k3x9-db"));
        var changed = ledger.Write(read with { Id = Ulid.For(s_at) }); // another process wrote it meanwhile

        Assert.Null(ledger.UpdateIfUnchanged(read, r => r with { State = LedgerState.Kept }));
        Assert.False(ledger.RemoveIfUnchanged(read));
        Assert.Equal(changed.Revision, ledger.Read("of-k3x9-db")!.Revision);

        var claimed = ledger.UpdateIfUnchanged(changed, r => r with { Claim = new ReaperClaim(s_owner, s_at) });
        Assert.NotNull(claimed);
        Assert.NotEqual(changed.Revision, claimed.Revision);
        Assert.True(ledger.RemoveIfUnchanged(claimed));
        Assert.Null(ledger.Read("of-k3x9-db"));
    }

    [Fact]
    public void The_ledger_lock_excludes_a_second_holder_until_released()
    {
        var ledger = NewLedger();
        var path = Path.Combine(LedgerDir, ".lock");

        using (ledger.Lock())
        {
            Assert.Throws<IOException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(50)).Dispose());
            Assert.Null(FileLock.TryAcquire(path));
        }

        using var again = FileLock.Acquire(path, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void The_state_directory_is_made_private_and_an_open_one_of_ours_is_tightened()
    {
        Directory.CreateDirectory(_dir);
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                                   | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        new StateDirectory(_dir).EnsureSecure();

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.All([_dir, LedgerDir, Path.Combine(_dir, "locks"), Path.Combine(_dir, "sessions")],
            d => Assert.Equal(Private, File.GetUnixFileMode(d)));
    }

    [Fact]
    public void A_state_directory_others_may_write_to_is_refused_and_the_message_reads_with_the_fix()
    {
        Directory.CreateDirectory(_dir);
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_111_111);

        var e = Assert.Throws<UnauthorizedAccessException>(() => new StateDirectory(_dir).EnsureSecure());

        // The one test of how this family of messages reads: folder, reason and fix.
        Assert.Equal($"The OrbFixtures state folder '{_dir}' is not safe to use: group or others may write to it (mode 0777), " +
            $"so another user could plant records that make OrbFixtures delete machines. Fix: run `chmod 700 '{_dir}'`, or set " +
            $"{OrbFixturesConfiguration.StateDirectoryKey} to a private folder.", e.Message);
        Assert.False(Directory.Exists(LedgerDir));
    }

    [Fact]
    public async Task A_state_directory_of_another_user_is_refused()
    {
        Assert.Equal(0u, UnixFile.EffectiveUserId()); // the tests run as root, so they can hand a folder to nobody
        Directory.CreateDirectory(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await RunAsync("chown", "65534", _dir);

        var e = Assert.Throws<UnauthorizedAccessException>(() => new StateDirectory(_dir).EnsureSecure());

        Assert.Contains(OrbFixturesConfiguration.StateDirectoryKey, e.Message, StringComparison.Ordinal); // the way out
        Assert.False(Directory.Exists(LedgerDir)); // refused before anything was made in it
    }

    [Fact]
    public void The_spec_hash_is_keyed_with_a_private_random_key_so_the_ledger_cannot_confirm_a_guessed_secret()
    {
        var spec = MachineSpec.Create("db", "ubuntu").WithUserData("#cloud-config\npassword: hunter2\n");
        var state = new StateDirectory(_dir);

        var hash = new SpecHasher(state.SpecHashKey).Hash(spec);

        Assert.Equal(hash, new SpecHasher(new StateDirectory(_dir).SpecHashKey).Hash(spec));
        Assert.NotEqual(hash, new SpecHasher(new byte[32]).Hash(spec));
        Assert.NotEqual(hash, new SpecHasher(state.SpecHashKey).Hash(spec.WithUserData("#cloud-config\npassword: hunter3\n")));
        Assert.Matches("^[0-9a-f]{16}\\z", hash);
        var key = Path.Combine(_dir, "spec-hash.key");
        Assert.Equal(32, new FileInfo(key).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task Sessions_that_make_the_spec_hash_key_at_once_all_use_the_same_key()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new StateDirectory(_dir).SpecHashKey)));

        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(keys[0], File.ReadAllBytes(Path.Combine(_dir, "spec-hash.key")));
        Assert.Single(Directory.GetFiles(_dir));
    }

    /// <summary>The whole numbers <paramref name="text"/> names, in order.</summary>
    private static int[] Numbers(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, "[0-9]+").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await process.StandardError.ReadToEndAsync()}");
    }
}
