using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Wraps the bus of one machine test case. A failure whose exception is <c>Xunit.SkipException</c> thrown by the test
/// (<c>Skip.If</c>) is reported as a skip, unless <c>skipsFromTheTest</c> is false (a fixture failed, so the test never
/// ran and the exception is the fixture's: a fixture never skips). Any other failure is recorded in the machines the
/// test used (for keep-on-failure) and ends with their logs (<see cref="FailureReport"/>), which reaches the console's
/// "Error Message" and TRX. Exception types and stack traces are kept.
/// </summary>
internal sealed class MachineTestMessageBus(IMessageBus inner, MachineTestContext context, bool skipsFromTheTest = true) : IMessageBus
{
    internal const string SkipExceptionType = "Xunit.SkipException";

    /// <summary>How many failures were turned into skips (the run summary is corrected by this).</summary>
    public int SkippedCount { get; private set; }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestStarting:
                context.BeginTest();
                break;
            case ITestFailed failed when skipsFromTheTest && failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == SkipExceptionType:
                SkippedCount++;
                return inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages.FirstOrDefault() ?? ""));
            case ITestFailed failed:
                var logs = context.Failed(failed.Test.DisplayName);
                if (context.Render(logs) is { } report)
                {
                    return inner.QueueMessage(new TestFailed(failed.Test, failed.ExecutionTime, failed.Output, failed.ExceptionTypes,
                        FailureReport.AppendTo(failed.Messages, logs, report), failed.StackTraces, failed.ExceptionParentIndices));
                }
                break;
        }
        return inner.QueueMessage(message);
    }

    // The inner bus belongs to the caller.
    public void Dispose()
    {
    }
}
