using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// What every machine test case does around xUnit's own runner: decide at run time whether it can run (skip, or
/// fail on bad configuration / required-but-absent OrbStack) — the one place a machine test is skipped for an
/// unavailable OrbStack — and wrap the message bus so that <c>Xunit.SkipException</c> from the test (<c>Skip.If</c>)
/// becomes a skip and a failure carries the machines' attempt histories.
/// </summary>
internal static class MachineTestRun
{
    public static Task<RunSummary> RunAsync(string? staticSkipReason, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, Func<string?, IMessageBus, ExceptionAggregator, Task<RunSummary>> run, bool fresh = false)
        => RunAsync(staticSkipReason, messageBus, constructorArguments, aggregator, run, MachineTestPrecondition.EvaluateAsync, fresh);

    // run: xUnit's own case runner, given the skip reason, bus and aggregator to use; evaluate: the run-time
    // decision (tests pass a fake one).
    internal static async Task<RunSummary> RunAsync(string? staticSkipReason, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, Func<string?, IMessageBus, ExceptionAggregator, Task<RunSummary>> run,
        Func<object[], Task<MachineTestPrecondition>> evaluate, bool fresh = false)
    {
        using var context = new MachineTestContext(constructorArguments.OfType<IMachineDiagnosticsSource>().ToList());
        var skipReason = staticSkipReason;
        var runAggregator = aggregator;

        // A fixture that failed (it records an absent OrbStack instead of throwing, so provisioning began and failed,
        // or its configuration is invalid) fails the test with its error — never a skip, not even a SkipException.
        var fixtureFailed = aggregator.HasExceptions;
        if (string.IsNullOrEmpty(skipReason) && !fixtureFailed)
        {
            MachineTestPrecondition precondition;
            try
            {
                precondition = await evaluate(constructorArguments).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // An unexpected error while deciding is reported, never mistaken for "OrbStack absent".
                precondition = new MachineTestPrecondition(null, e);
            }
            skipReason = precondition.SkipReason;
            var failure = precondition.Failure;
            if (skipReason is null && failure is null) failure = await VerifyMachinesAsync(constructorArguments).ConfigureAwait(false);
            if (failure is not null)
            {
                runAggregator = new ExceptionAggregator(aggregator);
                runAggregator.Add(failure);
            }
        }

        var bus = new MachineTestMessageBus(messageBus, context, skipsFromTheTest: !fixtureFailed);
        var summary = await run(skipReason, bus, runAggregator).ConfigureAwait(false);
        summary.Failed -= bus.SkippedCount;
        summary.Skipped += bus.SkippedCount;
        if (fresh && string.IsNullOrEmpty(skipReason)) await context.RenewUsedTemplatesAsync(constructorArguments.OfType<MachineFixture>()).ConfigureAwait(false);
        return summary;
    }

    // The opt-in health check (OrbFixturesOptions.VerifyBeforeEachTest): its error fails the test before it runs.
    private static async Task<Exception?> VerifyMachinesAsync(object[] constructorArguments)
    {
        try
        {
            foreach (var fixture in constructorArguments.OfType<MachineFixture>())
                await fixture.VerifyBeforeTestAsync(CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (MachineProvisioningException e)
        {
            return e;
        }
    }
}
