using System.Reflection;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// What every machine test case does around xUnit's own runner (v3): decide at run time whether it can run — the one
/// place a machine test is skipped for an unavailable OrbStack, through v3's own dynamic skip
/// (an exception whose message starts with <see cref="DynamicSkipToken.Value"/>, which is what <c>Assert.Skip</c> throws;
/// the assertion library itself is not referenced by an extensibility package), or failed on bad configuration or a required-but-absent
/// OrbStack — and wrap the message bus so that a failure carries the machines' attempt histories.
/// </summary>
internal static class MachineTestRun
{
    public static async ValueTask<RunSummary> RunAsync(IXunitTestCase testCase, ExplicitOption explicitOption, IMessageBus messageBus,
        object?[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource,
        ParallelMode parallelMode, ExecutionScheduler scheduler, FixtureMappingManager methodFixtureMappings)
    {
        var arguments = constructorArguments.OfType<object>().ToArray();
        var sources = Sources(arguments, methodFixtureMappings);
        using var context = new MachineTestContext(sources);

        // A fixture that failed fails the test with its error (it is already in the aggregator): never a skip.
        if (string.IsNullOrEmpty(testCase.SkipReason) && !aggregator.HasExceptions)
        {
            var precondition = await Evaluate(arguments).ConfigureAwait(false);
            if (precondition.SkipReason is { } reason) aggregator.Add(new OrbStackUnavailableSkip(reason));
            else if (precondition.Failure is { } failure) aggregator.Add(failure);
        }

        var bus = new MachineTestMessageBus(messageBus, context);
        var summary = await XunitRunnerHelper.RunXunitTestCase(testCase, bus, cancellationTokenSource, parallelMode, scheduler, aggregator,
            explicitOption, constructorArguments, methodFixtureMappings).ConfigureAwait(false);
        if (IsFresh(testCase)) await context.RenewUsedTemplatesAsync(sources.OfType<MachineFixture>()).ConfigureAwait(false);
        return summary;
    }

    // [MachineFact(Fresh = true)], read from the test case's own method. A skipped test used no machine, so renews none.
    private static bool IsFresh(IXunitTestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttribute<MachineFactAttribute>() is { Fresh: true };

    // The fixtures among the constructor arguments, and every fixture of the test's scope (class, collection, assembly)
    // that xUnit knows: an assembly fixture reached with TestContext.Current.GetFixture is no argument at all. (A fixture
    // whose InitializeAsync threw never gets here: xUnit fails the tests of its scope itself, with the fixture's
    // exception, whose message ends with the machine's history.)
    private static List<IMachineDiagnosticsSource> Sources(object[] arguments, FixtureMappingManager fixtures) =>
        arguments.OfType<IMachineDiagnosticsSource>()
            .Concat(fixtures.ForNotification<INotifyTestLifecycleAsync>().OfType<IMachineDiagnosticsSource>())
            .Distinct()
            .ToList();

    private static async Task<MachineTestPrecondition> Evaluate(object[] arguments)
    {
        try
        {
            return await MachineTestPrecondition.EvaluateAsync(arguments).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // An unexpected error while deciding is reported, never mistaken for "OrbStack absent".
            return new MachineTestPrecondition(null, e);
        }
    }
}

/// <summary>xUnit v3's run-time skip: the runner reports a test whose failure message starts with
/// <see cref="DynamicSkipToken.Value"/> as skipped, with the rest of the message as the reason.</summary>
internal sealed class OrbStackUnavailableSkip(string reason) : Exception(DynamicSkipToken.Value + reason);
