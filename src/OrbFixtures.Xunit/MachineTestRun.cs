using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// What every machine test case does around xUnit's own runner: decide at run time whether it can run (skip, or
/// fail on bad configuration / required-but-absent OrbStack), and wrap the message bus so that
/// <c>Xunit.SkipException</c> becomes a skip and a failure carries the machines' attempt histories.
/// </summary>
internal static class MachineTestRun
{
    /// <summary>The runtime decision; replaceable by tests of this assembly.</summary>
    internal static Func<object[], Task<MachineTestPrecondition>> Evaluate { get; set; } = MachineTestPrecondition.EvaluateAsync;

    public static async Task<RunSummary> RunAsync(string? staticSkipReason, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, Func<string?, IMessageBus, ExceptionAggregator, Task<RunSummary>> run)
    {
        using var context = new MachineTestContext(constructorArguments.OfType<IMachineDiagnosticsSource>().ToList());
        var skipReason = staticSkipReason;
        var runAggregator = aggregator;

        // A fixture that already failed decides the outcome itself: its SkipException (OrbStack absent) becomes a
        // skip through the bus, anything else (provisioning began and failed) stays a failure — never a skip.
        if (string.IsNullOrEmpty(skipReason) && !aggregator.HasExceptions)
        {
            var precondition = await Evaluate(constructorArguments).ConfigureAwait(false);
            skipReason = precondition.SkipReason;
            if (precondition.Failure is { } failure)
            {
                runAggregator = new ExceptionAggregator(aggregator);
                runAggregator.Add(failure);
            }
        }

        var bus = new MachineTestMessageBus(messageBus, context);
        var summary = await run(skipReason, bus, runAggregator).ConfigureAwait(false);
        summary.Failed -= bus.SkippedCount;
        summary.Skipped += bus.SkippedCount;
        return summary;
    }
}
