using OrbFixtures.Diagnostics;

namespace OrbFixtures.Xunit;

/// <summary>
/// What one machine test case knows for its failure report: the diagnostics sources among its constructor arguments,
/// and which of their machines the current test used — asked its fixture for, ran a command in, started, stopped...
/// (anything appended to a machine's log while the test ran). Tests of one fixture run one after another, so everything
/// in that window belongs to this test.
/// </summary>
internal sealed class MachineTestContext : IDisposable
{
    private readonly IReadOnlyList<IMachineDiagnosticsSource> _sources;
    private readonly List<(MachineLog Log, EventHandler<MachineEvent> Handler)> _subscriptions = [];
    private readonly List<MachineFixture> _fixtures;
    private readonly HashSet<Machine> _used = [];
    private readonly object _gate = new();

    public MachineTestContext(IReadOnlyList<IMachineDiagnosticsSource> sources)
    {
        _sources = sources;
        foreach (var machine in sources.SelectMany(s => s.ReadyMachines).Distinct())
        {
            EventHandler<MachineEvent> handler = (_, _) => Used(machine);
            machine.Log.Appended += handler;
            _subscriptions.Add((machine.Log, handler));
        }
        _fixtures = sources.OfType<MachineFixture>().ToList();
        foreach (var fixture in _fixtures) fixture.MachineRequested += Used;
    }

    /// <summary>The machines the current test used so far.</summary>
    public IReadOnlyList<Machine> UsedMachines
    {
        get { lock (_gate) return [.. _used]; }
    }

    /// <summary>A new test of the case begins (a theory runs several): what it uses starts afresh.</summary>
    public void BeginTest()
    {
        lock (_gate) _used.Clear();
    }

    /// <summary>The current test failed: records the failure in exactly the machines it used (so keep-on-failure keeps
    /// them), and returns the logs its failure report shows — those machines', and those of machines whose
    /// provisioning failed (the test may never have run) — in a stable order.</summary>
    public IReadOnlyList<MachineLog> Failed(string testDisplayName)
    {
        var used = UsedMachines;
        foreach (var machine in used) machine.RecordTestFailure(testDisplayName);
        var usedLogs = used.Select(m => m.Log).ToHashSet();
        return _sources.SelectMany(s => s.MachineLogs).Distinct()
            .Where(log => usedLogs.Contains(log) || log.OfType<ProvisioningFailed>().Count > 0)
            .ToList();
    }

    /// <summary>How many of a machine's most recent commands a report shows: the largest any source asks for.</summary>
    public int CommandHistorySize =>
        _sources.Count == 0 ? new OrbFixturesOptions().CommandHistorySize : _sources.Max(s => s.CommandHistorySize);

    /// <summary>The failure block for <paramref name="logs"/>, or <see langword="null"/> when there are none.</summary>
    public string? Render(IReadOnlyList<MachineLog> logs) => FailureReport.Render(logs, CommandHistorySize);

    /// <summary>[MachineFact(Fresh = true)]: the template machines the current test used get fresh clones from the
    /// <paramref name="fixtures"/> that hold them. A failure is not the test's: the fixture then lacks the machine, and the
    /// next test that asks for it says so.</summary>
    public async Task RenewUsedTemplatesAsync(IEnumerable<MachineFixture> fixtures)
    {
        var holders = fixtures.Distinct().ToList();
        foreach (var machine in UsedMachines.Where(m => m.Spec.Template is not null))
        {
            foreach (var fixture in holders.Where(f => f.ReadyMachines.Contains(machine)))
            {
                try
                {
                    await fixture.RenewMachineAsync(machine.Spec.LogicalName).ConfigureAwait(false);
                }
                catch (MachineProvisioningException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var (log, handler) in _subscriptions) log.Appended -= handler;
        foreach (var fixture in _fixtures) fixture.MachineRequested -= Used;
    }

    private void Used(Machine machine)
    {
        lock (_gate) _used.Add(machine);
    }
}
