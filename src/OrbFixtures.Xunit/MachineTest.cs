using OrbFixtures.Diagnostics;

namespace OrbFixtures.Xunit;

/// <summary>
/// Base class of integration test classes that use a <see cref="MachineFixture"/>: exposes its machines by logical
/// name and echoes every command a test runs in them (argv, exit code, duration, output tail) to the test output.
/// <code>
/// [Collection("web")]
/// public sealed class WebTests(WebStack stack, ITestOutputHelper output) : MachineTest&lt;WebStack&gt;(stack, output)
/// {
///     [MachineFact] public async Task Db_answers() => Assert.Equal(0, (await this["db"].RunAsync("true")).ExitCode);
/// }
/// </code>
/// The fixture is a constructor argument, so when a test fails its machines' attempt histories and the commands it
/// ran are appended to the failure message.
/// </summary>
/// <typeparam name="TFixture">The fixture that holds the machines.</typeparam>
public abstract class MachineTest<TFixture> : IDisposable
    where TFixture : MachineFixture
{
    private readonly IReadOnlyList<MachineLog> _subscribed;
    private bool _disposed;

    /// <summary>Subscribes to the commands of the fixture's machines for the lifetime of this test.</summary>
    protected MachineTest(TFixture fixture, ITestOutputHelper output)
    {
        Fixture = fixture ?? throw new ArgumentNullException(nameof(fixture));
        Output = output ?? throw new ArgumentNullException(nameof(output));
        _subscribed = [.. fixture.ReadyMachines.Select(m => m.Log)];
        foreach (var log in _subscribed) log.Appended += EchoCommand;
    }

    /// <summary>The fixture holding the machines.</summary>
    protected TFixture Fixture { get; }

    /// <summary>The test's output (commands are echoed here).</summary>
    protected ITestOutputHelper Output { get; }

    /// <summary>The ready machine with this logical name.</summary>
    protected Machine this[string logicalName] => Fixture.GetMachine(logicalName);

    /// <summary>The ready machine with this logical name.</summary>
    protected Machine GetMachine(string logicalName) => Fixture.GetMachine(logicalName);

    /// <summary>Stops echoing commands.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Unsubscribes from the machines' commands; override to release more, calling the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        foreach (var log in _subscribed) log.Appended -= EchoCommand;
    }

    private void EchoCommand(object? sender, MachineEvent e)
    {
        if (e is not CommandRan command) return;
        try
        {
            Output.WriteLine(EventText.Describe(command));
        }
        catch (InvalidOperationException)
        {
            // A command that completes after the test ended (a leaked background task) has no output to go to.
        }
    }
}
