using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>
/// Compares what a cell did with what is specified for it: the ending (ready and how, from the machine's
/// <see cref="MachineReady"/> event; or the typed error with its log and orbctl's text), that the fault really hit
/// (from the simulator's invocation log), how the faulted attempt was recorded (an <see cref="AttemptFinished"/> event),
/// and how often the operation ran. Returns every deviation; none means the cell is as specified.
/// </summary>
internal static class CellVerdict
{
    public static IReadOnlyList<string> Check(MatrixCell cell, CellRun run, IReadOnlyList<LoggedInvocation> log)
    {
        var problems = new List<string>();
        CheckEnding(cell, run, problems);

        var mine = log.Where(i => i.Argv.Contains(run.MachineName, StringComparer.Ordinal)).ToList();
        var ofOp = mine.Where(i => i.Command == cell.Op).ToList();
        if (cell.Fault is { } fault)
        {
            var hit = ofOp.Where(i => i.Fault == fault.Action).ToList();
            var expectedHits = fault.Times ?? Math.Max(1, hit.Count);
            if (hit.Count != expectedHits)
                problems.Add($"the fault hit {hit.Count} invocation(s) of {cell.Op}, expected {expectedHits}");
            if (fault.Action is "hang" or "hang-after-create" && hit.Any(i => i.EndedAt is not null))
                problems.Add("a hung invocation ended by itself instead of being killed");
            // A delayed call then behaves normally (an info of a machine not made yet still exits 1: that is its answer).
            if (fault.Action == "delay" && hit.Any(i => i.EndedAt is null || i.EndedAt - i.StartedAt < TimeSpan.FromMilliseconds(FaultMatrixCells.DelayMs)))
                problems.Add($"the delayed {cell.Op} did not run its {FaultMatrixCells.DelayMs} ms and finish by itself");
        }
        if (cell.Expect.Invocations is { } calls && ofOp.Count != calls)
            problems.Add($"{cell.Op} ran {ofOp.Count} time(s) on the machine, expected {calls}: " +
                         string.Join("; ", ofOp.Select(i => $"{string.Join(' ', i.Argv)} -> {i.ExitCode?.ToString() ?? "killed"} ({i.Fault ?? "no fault"})")));

        var operation = Enum.Parse<Operation>(cell.Op == "daemon" ? "Info" : cell.Op, ignoreCase: true);
        if (cell.Expect.RecordedAs.Count > 0
            && !run.Attempts.Any(a => a.Operation == operation && cell.Expect.RecordedAs.Any(r =>
                r.Outcome == a.Outcome && r.Error == a.Error && (r.Decision is null || r.Decision == a.Decision))))
            problems.Add($"no {operation} attempt in the logs is recorded as " +
                         string.Join(" or ", cell.Expect.RecordedAs.Select(r =>
                             $"{r.Outcome}{(r.Error is null ? "" : $"/{r.Error}")}{(r.Decision is null ? "" : $" -> {r.Decision}")}")) +
                         $"; its attempts: {string.Join(", ", run.Attempts.Where(a => a.Operation == operation).Select(a => $"{a.Outcome}/{a.Error} -> {a.Decision}"))}");
        return problems;
    }

    private static void CheckEnding(MatrixCell cell, CellRun run, List<string> problems)
    {
        var expect = cell.Expect;
        var phases = cell.Lifecycle == Lifecycle.StopThenAdopt ? 2 : 1;
        switch (expect.Ending)
        {
            case Ending.Ready:
                if (run.ProvisioningError is not null || run.TeardownError is not null || run.Ready.Count != phases)
                    problems.Add($"expected {phases} ready machine(s) and clean teardowns, got: {run.Describe()}");
                else if (run.Ready.Any(m => m.Info.State != MachineState.Running))
                    problems.Add("a machine handed out was not running");
                else if (!run.HowReady.SequenceEqual(phases == 2 ? [expect.Via, ReadyVia.Adopted] : [expect.Via]))
                    problems.Add($"the machines became ready via {string.Join(", ", run.HowReady)}, expected {expect.Via}" +
                                 (phases == 2 ? $", {ReadyVia.Adopted}" : ""));
                break;
            case Ending.ProvisioningFails:
                if (run.ProvisioningError is not MachineProvisioningException error)
                {
                    problems.Add($"expected a MachineProvisioningException ({expect.Kind}), got: {run.Describe()}");
                    break;
                }
                if (error.Kind != expect.Kind) problems.Add($"the error's kind is {error.Kind}, expected {expect.Kind}");
                if (error.Log.OfType<AttemptFinished>().Count == 0) problems.Add("the error's log holds no attempt");
                if (error.Log.OfType<ProvisioningFailed>() is not [{ } failed] || failed.Error != error.Kind)
                    problems.Add("the error's log does not record its failure (one ProvisioningFailed of the error's kind)");
                // The message is the summary and the log as rendered when it was thrown; the log goes on after the
                // error (cleanup), so the message holds its beginning, not all of it.
                if (!error.Message.StartsWith(error.Summary + Environment.NewLine + error.Log.Subject + ":", StringComparison.Ordinal)
                    || !error.Log.Events.Take(1).All(e => error.Message.Contains(EventText.Line(e), StringComparison.Ordinal)))
                    problems.Add("the message is not the summary followed by the log");
                Quotes(cell, run, error.Message, problems);
                break;
            case Ending.TeardownFails:
                if (run.ProvisioningError is not null || run.TeardownError is not AggregateException { InnerExceptions: [OrbCtlException failure] })
                {
                    problems.Add($"expected a ready machine and a teardown failure of one OrbCtlException ({expect.Kind}), got: {run.Describe()}");
                    break;
                }
                if (failure.Kind != expect.Kind) problems.Add($"the teardown error's kind is {failure.Kind}, expected {expect.Kind}");
                if (failure.Attempts != 1) problems.Add($"teardown made {failure.Attempts} attempts, expected 1 (permanent)");
                if (cell.Lifecycle == Lifecycle.Provision && run.Reaped != 1)
                    problems.Add($"the next run's reaper removed {run.Reaped} machine(s), expected the 1 the failed teardown left");
                if (cell.Lifecycle == Lifecycle.StopThenAdopt && run.Ready.Count != 2)
                    problems.Add("the session's next ensure did not adopt the machine the failed teardown left");
                Quotes(cell, run, failure.Message, problems);
                break;
        }
    }

    private static void Quotes(MatrixCell cell, CellRun run, string message, List<string> problems)
    {
        if (cell.Expect.QuotesOrbctl && cell.OrbctlTextFor(run.MachineName) is { } text && !message.Contains(text, StringComparison.Ordinal))
            problems.Add($"the error does not quote orbctl's \"{text}\"");
    }
}
