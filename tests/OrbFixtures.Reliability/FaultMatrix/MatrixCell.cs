using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>One cell of the fault matrix: a fault on one operation (or a daemon state), the lifecycle that reaches it,
/// and what must come of it.</summary>
/// <param name="Op">The orbctl operation, as the simulator names it.</param>
/// <param name="Label">The fault, e.g. <c>hang</c> or <c>transient</c>; with <see cref="Op"/> it makes the logical name.</param>
/// <param name="Lifecycle">How the cell reaches the operation.</param>
/// <param name="Expect">The specified outcome.</param>
internal sealed record MatrixCell(string Op, string Label, Lifecycle Lifecycle, Specified Expect)
{
    /// <summary>The fault; <see langword="null"/> for a daemon-state cell.</summary>
    public FaultRule? Fault { get; init; }

    /// <summary>The daemon state of a daemon cell (which gets a world of its own).</summary>
    public SimDaemon? Daemon { get; init; }

    /// <summary>Whether the provisioner's create watchdog runs. The run row turns it off, so every probe is the readiness
    /// wait's own: a watchdog probe cut short by a returning create could swallow the fault before the simulator logs it.</summary>
    public bool Watchdog { get; init; } = true;

    /// <summary>orbctl's text the error must quote when it is not the fault's stderr (daemon cells).</summary>
    public string? Quote { get; init; }

    /// <summary>The logical machine name, unique in the matrix.</summary>
    public string Logical => $"{Op}-{Label}";

    /// <summary>The simulator glob that targets this cell's machine and no other.</summary>
    public string Glob => $"*-{Logical}";

    /// <summary>What orbctl says for <paramref name="machineName"/> (the fault's stderr), which the error must quote.</summary>
    public string? OrbctlTextFor(string machineName) => Quote ?? Fault?.Stderr?.Replace("{name}", machineName, StringComparison.Ordinal);

    public override string ToString() => $"{Op} × {Label}";
}
