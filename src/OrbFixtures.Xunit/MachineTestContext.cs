namespace OrbFixtures.Xunit;

/// <summary>
/// What one machine test case knows for its failure report: the diagnostics sources among its constructor
/// arguments, and the commands run in their machines since the current test started (tests of one fixture run one
/// after another, so every command in that window belongs to this test).
/// </summary>
internal sealed class MachineTestContext : IDisposable
{
    private readonly IReadOnlyList<IMachineDiagnosticsSource> _sources;
    private readonly List<Machine> _machines;
    private readonly List<(Machine Machine, CommandRecord Record)> _commands = [];
    private readonly object _gate = new();

    public MachineTestContext(IReadOnlyList<IMachineDiagnosticsSource> sources)
    {
        _sources = sources;
        _machines = sources.SelectMany(s => s.ReadyMachines).Distinct().ToList();
        foreach (var machine in _machines) machine.CommandCompleted += OnCommandCompleted;
    }

    public IReadOnlyList<CommandRecord> Commands
    {
        get { lock (_gate) return _commands.Select(c => c.Record).ToList(); }
    }

    /// <summary>A new test of the case begins (a theory runs several): its commands start afresh.</summary>
    public void BeginTest()
    {
        lock (_gate) _commands.Clear();
    }

    /// <summary>Marks every machine as used by a failed test, so the keep-on-failure policy keeps it.</summary>
    public void MarkFailed(string testDisplayName)
    {
        foreach (var machine in _machines) machine.RecordFailedTest(testDisplayName);
    }

    /// <summary>The <c>OrbFixtures attempt history</c> block, or <see langword="null"/> when there is nothing to say.</summary>
    public string? RenderFailureReport()
    {
        List<(Machine Machine, CommandRecord Record)> commands;
        lock (_gate) commands = [.. _commands];
        return FailureReport.Render(_sources, commands);
    }

    public void Dispose()
    {
        foreach (var machine in _machines) machine.CommandCompleted -= OnCommandCompleted;
    }

    private void OnCommandCompleted(object? sender, CommandRecord record)
    {
        if (sender is not Machine machine) return;
        lock (_gate) _commands.Add((machine, record));
    }
}
