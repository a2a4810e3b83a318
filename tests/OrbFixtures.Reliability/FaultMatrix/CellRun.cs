using OrbFixtures.Diagnostics;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>What happened when a cell's lifecycle ran (readable while it still runs, to explain a cell that hangs).</summary>
internal sealed class CellRun(MatrixCell cell)
{
    private readonly object _gate = new();
    private readonly List<MachineProvisioner> _provisioners = [];
    private readonly List<AttemptHistory> _otherHistories = [];

    public MatrixCell Cell { get; } = cell;

    /// <summary>The real machine name (one per cell: both provisioners of a stop-then-adopt cell share the session).</summary>
    public string MachineName { get; set; } = "";

    /// <summary>The machines <c>EnsureAsync</c> returned, in order.</summary>
    public List<Machine> Ready { get; } = [];

    /// <summary>What <c>EnsureAsync</c> threw, if it did.</summary>
    public Exception? ProvisioningError { get; set; }

    /// <summary>What <c>ReleaseAllAsync</c> threw, if it did.</summary>
    public Exception? TeardownError { get; set; }

    /// <summary>How long the lifecycle took (waiting for a slot excluded).</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>How many machines the next run's reaper removed (after a failed teardown).</summary>
    public int Reaped { get; set; }

    /// <summary>Every history the cell's provisioners (and the next run's reaper) keep, as of now.</summary>
    public IReadOnlyList<AttemptHistory> Histories
    {
        get
        {
            lock (_gate) return [.. _provisioners.SelectMany(p => p.Histories), .. _otherHistories];
        }
    }

    public IEnumerable<AttemptRecord> Attempts => Histories.SelectMany(h => h.Attempts);

    public void Track(MachineProvisioner provisioner)
    {
        lock (_gate) _provisioners.Add(provisioner);
    }

    public void Track(AttemptHistory history)
    {
        lock (_gate) _otherHistories.Add(history);
    }

    public string Describe() =>
        ProvisioningError is not null ? $"provisioning failed: {FirstLine(ProvisioningError)}"
        : TeardownError is not null ? $"ready, teardown failed: {FirstLine(TeardownError.InnerException ?? TeardownError)}; " +
                                      (Cell.Lifecycle == Lifecycle.Provision ? $"the next run reaped {Reaped}" : $"{Ready.Count} ready in all")
        : $"ready ({string.Join(", ", Ready.Select(m => m.Journal.How))})";

    public string RenderHistories() => string.Join(Environment.NewLine, Histories.Select(h => h.Render()));

    private static string FirstLine(Exception e) => $"{e.GetType().Name}: {e.Message.Split('\n')[0].TrimEnd()}";
}
