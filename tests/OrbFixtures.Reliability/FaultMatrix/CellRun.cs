using OrbFixtures.Diagnostics;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>What happened when a cell's lifecycle ran (readable while it still runs, to explain a cell that hangs).</summary>
internal sealed class CellRun(MatrixCell cell)
{
    private readonly object _gate = new();
    private readonly List<MachineProvisioner> _provisioners = [];
    private readonly List<MachineLog> _otherLogs = [];

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

    /// <summary>Every log the cell's provisioners (and the next run's reaper) keep, as of now.</summary>
    public IReadOnlyList<MachineLog> Logs
    {
        get
        {
            lock (_gate) return [.. _provisioners.SelectMany(p => p.Logs), .. _otherLogs];
        }
    }

    public IEnumerable<AttemptFinished> Attempts => Logs.SelectMany(l => l.OfType<AttemptFinished>());

    public void Track(MachineProvisioner provisioner)
    {
        lock (_gate) _provisioners.Add(provisioner);
    }

    public void Track(MachineLog log)
    {
        lock (_gate) _otherLogs.Add(log);
    }

    public string Describe() =>
        ProvisioningError is not null ? $"provisioning failed: {FirstLine(ProvisioningError)}"
        : TeardownError is not null ? $"ready, teardown failed: {FirstLine(TeardownError.InnerException ?? TeardownError)}; " +
                                      (Cell.Lifecycle == Lifecycle.Provision ? $"the next run reaped {Reaped}" : $"{Ready.Count} ready in all")
        : $"ready ({string.Join(", ", HowReady.Select(via => via?.ToString() ?? "no ready event"))})";

    /// <summary>How each machine <c>EnsureAsync</c> returned became ready (its <see cref="MachineReady"/> event), in order.</summary>
    public IReadOnlyList<ReadyVia?> HowReady => [.. Ready.Select(m => m.Log.OfType<MachineReady>().LastOrDefault()?.Via)];

    public string RenderLogs() => string.Join(Environment.NewLine, Logs.Select(l => EventText.Render(l)));

    private static string FirstLine(Exception e) => $"{e.GetType().Name}: {e.Message.Split('\n')[0].TrimEnd()}";
}
