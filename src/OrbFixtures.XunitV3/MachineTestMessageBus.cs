using OrbFixtures.Diagnostics;
using Xunit.Sdk;

namespace OrbFixtures.Xunit;

/// <summary>
/// Wraps the bus of one machine test case (xUnit v3). A failure is recorded in the machines the test used (for
/// keep-on-failure) and ends with their logs (<see cref="FailureReport"/>); the test's finished message then carries
/// each of those logs as a text attachment, one per machine, beside any the test added itself. xUnit collects a test's
/// attachments before it knows the outcome, so they are added here, where the failure is known, rather than through
/// <c>TestContext.Current.AddAttachment</c>, which would have to attach the history to every test, passed or not.
/// </summary>
internal sealed class MachineTestMessageBus(IMessageBus inner, MachineTestContext context) : IMessageBus
{
    /// <summary>The prefix of the attachment names (followed by the logical machine name).</summary>
    internal const string AttachmentPrefix = "orbfixtures-history-";

    private IReadOnlyList<MachineLog> _failedLogs = [];
    private string _testDisplayName = "";

    public bool QueueMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestStarting starting:
                context.BeginTest();
                _testDisplayName = starting.TestDisplayName;
                _failedLogs = [];
                break;
            case ITestFailed failed:
                var logs = context.Failed(_testDisplayName);
                if (context.Render(logs) is { } report)
                {
                    _failedLogs = logs;
                    return inner.QueueMessage(WithMessages(failed, FailureReport.AppendTo(failed.Messages, logs, report)));
                }
                break;
            case ITestFinished finished when _failedLogs.Count > 0:
                var attachments = new Dictionary<string, TestAttachment>(finished.Attachments, StringComparer.Ordinal);
                foreach (var log in _failedLogs)
                    attachments[AttachmentPrefix + (log.LogicalName ?? log.Subject)] = TestAttachment.Create(EventText.Render(log, context.CommandHistorySize));
                _failedLogs = [];
                return inner.QueueMessage(WithAttachments(finished, attachments));
        }
        return inner.QueueMessage(message);
    }

    // The inner bus belongs to the caller.
    public void Dispose()
    {
    }

    private static global::Xunit.v3.TestFailed WithMessages(ITestFailed failed, string[] messages) => new()
    {
        AssemblyUniqueID = failed.AssemblyUniqueID,
        Cause = failed.Cause,
        ExceptionParentIndices = failed.ExceptionParentIndices,
        ExceptionTypes = failed.ExceptionTypes,
        ExecutionTime = failed.ExecutionTime,
        FinishTime = failed.FinishTime,
        Messages = messages,
        Output = failed.Output,
        StackTraces = failed.StackTraces,
        TestCaseUniqueID = failed.TestCaseUniqueID,
        TestClassUniqueID = failed.TestClassUniqueID,
        TestCollectionUniqueID = failed.TestCollectionUniqueID,
        TestMethodUniqueID = failed.TestMethodUniqueID,
        TestUniqueID = failed.TestUniqueID,
        Warnings = failed.Warnings,
    };

    private static TestFinished WithAttachments(ITestFinished finished, IReadOnlyDictionary<string, TestAttachment> attachments) => new()
    {
        AssemblyUniqueID = finished.AssemblyUniqueID,
        Attachments = attachments,
        ExecutionTime = finished.ExecutionTime,
        FinishTime = finished.FinishTime,
        Output = finished.Output,
        TestCaseUniqueID = finished.TestCaseUniqueID,
        TestClassUniqueID = finished.TestClassUniqueID,
        TestCollectionUniqueID = finished.TestCollectionUniqueID,
        TestMethodUniqueID = finished.TestMethodUniqueID,
        TestUniqueID = finished.TestUniqueID,
        Warnings = finished.Warnings,
    };
}
