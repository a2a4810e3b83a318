using System.Globalization;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Reliability.Suite;

/// <summary>
/// The suite's figures, collected across its test classes, and the one summary line printed when the suite ends:
/// <c>reliability: faults N/N as specified, crashes reaped N/N, leaked 0, foreign touched 0, bad inputs N/N rejected,
/// interleavings N/N, live machines lost 0, templates: crashes N/N, half-built clones 0</c>.
/// The line goes out as an xUnit diagnostic message (the project's xunit.runner.json turns them on, and
/// <c>dotnet test</c> prints them as <c>[xUnit.net hh:mm:ss] OrbFixtures.Reliability: ...</c>) and to
/// <c>TestResults/reliability-summary.txt</c> under the repository root. A count is recorded before a test asserts
/// on it, so a failed scenario shows in the line too.
/// </summary>
public sealed class ReliabilityTally(IMessageSink diagnostics) : IDisposable
{
    private readonly object _gate = new();
    private readonly List<string> _notes = [];
    private int _faults, _faultsAsSpecified, _crashes, _crashesReaped, _leaked, _foreignTouched, _badInputs, _badInputsRejected,
        _interleavings, _interleavingsHeld, _liveMachinesLost, _templateCrashes, _templateCrashesRecovered, _halfBuiltClones;

    /// <summary>One fault-matrix cell ended as specified (or not).</summary>
    public void Fault(bool asSpecified) => Count(ref _faults, ref _faultsAsSpecified, asSpecified);

    /// <summary>One crash point's leftovers were reaped by the next run (or not).</summary>
    public void Crash(bool reaped) => Count(ref _crashes, ref _crashesReaped, reaped);

    /// <summary>One template builder killed at a stage of its build: the next run reaped what it left and rebuilt it (or not).</summary>
    public void TemplateCrash(bool recovered) => Count(ref _templateCrashes, ref _templateCrashesRecovered, recovered);

    /// <summary>Clones made from a template machine whose build had not finished (sealed, stopped, recorded ready).</summary>
    public void HalfBuiltClones(int count) => Add(ref _halfBuiltClones, count);

    /// <summary>One bad input was rejected before any orbctl call (or not).</summary>
    public void BadInput(bool rejected) => Count(ref _badInputs, ref _badInputsRejected, rejected);

    /// <summary>One interleaving scenario's checks all held (or not).</summary>
    public void Interleaving(bool held) => Count(ref _interleavings, ref _interleavingsHeld, held);

    /// <summary>Machines that a live session lost (deleted or replaced under it) while it still held them.</summary>
    public void LiveMachinesLost(int count) => Add(ref _liveMachinesLost, count);

    /// <summary>Machines or orbctl processes a scenario left behind.</summary>
    public void Leaked(int count) => Add(ref _leaked, count);

    /// <summary>Foreign machines a scenario changed or targeted.</summary>
    public void ForeignTouched(int count) => Add(ref _foreignTouched, count);

    /// <summary>Prints a line now (e.g. the soak seed, so a run that dies can still be replayed) and again just
    /// before the summary line.</summary>
    public void Announce(string line)
    {
        lock (_gate) _notes.Add(line);
        diagnostics.OnMessage(new DiagnosticMessage(line));
    }

    /// <summary>The summary line with the figures so far.</summary>
    public string SummaryLine
    {
        get
        {
            lock (_gate)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"reliability: faults {_faultsAsSpecified}/{_faults} as specified, crashes reaped {_crashesReaped}/{_crashes}, " +
                    $"leaked {_leaked}, foreign touched {_foreignTouched}, bad inputs {_badInputsRejected}/{_badInputs} rejected, " +
                    $"interleavings {_interleavingsHeld}/{_interleavings}, live machines lost {_liveMachinesLost}, " +
                    $"templates: crashes {_templateCrashesRecovered}/{_templateCrashes}, half-built clones {_halfBuiltClones}");
            }
        }
    }

    /// <summary>Prints the notes and then the summary line, last.</summary>
    public void Dispose()
    {
        List<string> notes;
        lock (_gate) notes = [.. _notes];
        var summary = SummaryLine;
        foreach (var note in notes) diagnostics.OnMessage(new DiagnosticMessage(note));
        diagnostics.OnMessage(new DiagnosticMessage(summary));
        WriteSummaryFile([.. notes, summary]);
    }

    private void Count(ref int total, ref int good, bool ok)
    {
        lock (_gate)
        {
            total++;
            if (ok) good++;
        }
    }

    private void Add(ref int counter, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate) counter += count;
    }

    private static void WriteSummaryFile(IEnumerable<string> lines)
    {
        var root = typeof(ReliabilityTally).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        var directory = Path.Combine(root, "TestResults");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllLines(Path.Combine(directory, "reliability-summary.txt"), lines);
        }
        catch (IOException) { } // the diagnostic message above already carried the line
        catch (UnauthorizedAccessException) { }
    }
}
