using OrbFixtures.Provisioning;
using Xunit;

namespace OrbFixtures.Tests.Provisioning;

public sealed class OwnershipLedgerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "of-ledger-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static LedgerRecord Record(string name, LedgerState state = LedgerState.Creating, string? id = null) =>
        new(name, "db", id, 4242, s_at.AddMinutes(-3), "k3x9", "0123456789abcdef", state, s_at);

    [Fact]
    public void A_record_round_trips_through_its_own_file()
    {
        var ledger = new OwnershipLedger(_dir);
        var record = Record("of-k3x9-db", LedgerState.Ready, "01J6BWXMDPEP62ANJWCXN6375F");

        ledger.Write(record);

        Assert.Equal(record, new OwnershipLedger(_dir).Read("of-k3x9-db"));
        Assert.True(File.Exists(Path.Combine(_dir, "ledger", "of-k3x9-db.json")));
        Assert.Contains("\"state\": \"ready\"", File.ReadAllText(Path.Combine(_dir, "ledger", "of-k3x9-db.json")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "ledger"), "*.tmp"));
    }

    [Fact]
    public void Records_are_listed_removed_and_found_by_session()
    {
        var ledger = new OwnershipLedger(_dir);
        ledger.Write(Record("of-k3x9-b"));
        ledger.Write(Record("of-k3x9-a"));

        ledger.Remove("of-k3x9-b");
        ledger.Remove("of-k3x9-missing");

        Assert.Equal(["of-k3x9-a"], ledger.ReadAll().Select(r => r.Name));
        Assert.True(ledger.HasSession("k3x9"));
        Assert.False(ledger.HasSession("zzzz"));
    }

    [Fact]
    public void A_damaged_record_proves_no_ownership_and_does_not_break_the_others()
    {
        var ledger = new OwnershipLedger(_dir);
        ledger.Write(Record("of-k3x9-a"));
        File.WriteAllText(Path.Combine(_dir, "ledger", "of-k3x9-b.json"), "{ \"name\": ");

        Assert.Null(ledger.Read("of-k3x9-b"));
        Assert.Equal(["of-k3x9-a"], ledger.ReadAll().Select(r => r.Name));
    }

    [Fact]
    public void An_empty_ledger_has_no_records() => Assert.Empty(new OwnershipLedger(_dir).ReadAll());

    [Fact]
    public async Task Concurrent_writers_never_leave_a_torn_record()
    {
        var ledger = new OwnershipLedger(_dir);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var j = 0; j < 25; j++) ledger.Write(Record("of-k3x9-db", LedgerState.Ready, $"ID{i:D2}{j:D2}"));
        })));

        Assert.StartsWith("ID", ledger.Read("of-k3x9-db")!.Id, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "ledger")), f => f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ledger_lock_excludes_a_second_holder_until_released()
    {
        var ledger = new OwnershipLedger(_dir);
        var path = Path.Combine(_dir, "ledger", ".lock");

        using (ledger.Lock())
            Assert.Throws<IOException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(50)).Dispose());

        using var again = FileLock.Acquire(path, TimeSpan.FromMilliseconds(50));
    }
}
