using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrbFixtures.Xunit.Tests;

/// <summary>An inner message bus that keeps what it is given.</summary>
internal sealed class RecordingMessageBus : IMessageBus
{
    public List<IMessageSinkMessage> Messages { get; } = [];

    public bool QueueMessage(IMessageSinkMessage message)
    {
        Messages.Add(message);
        return true;
    }

    public void Dispose()
    {
    }
}
