using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Xunit.Tests.Availability;

/// <summary>An orbctl whose <c>status</c> answers come from a script and whose <c>run</c> answers come from <see cref="Run"/>;
/// <c>start</c> is counted. Nothing else is needed by the code under test.</summary>
internal sealed class FakeOrbCtlClient(params OrbStackStatus[] statuses) : IOrbCtlClient
{
    private readonly Queue<OrbStackStatus> _statuses = new(statuses);
    private OrbStackStatus _last = statuses.LastOrDefault();

    public int StatusCalls { get; private set; }
    public int StartCalls { get; private set; }
    public Exception? StatusError { get; init; }
    public Exception? StartError { get; init; }
    public Func<RunCommandRequest, CommandResult>? Run { get; init; }

    public Task<OrbStackStatus> GetStatusAsync(MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        StatusCalls++;
        if (StatusError is not null) throw StatusError;
        if (_statuses.Count > 0) _last = _statuses.Dequeue();
        return Task.FromResult(_last);
    }

    public Task StartOrbStackAsync(MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        StartCalls++;
        return StartError is null ? Task.CompletedTask : Task.FromException(StartError);
    }

    public Task<OrbCtlVersion> GetVersionAsync(MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<MachineInfo>> ListAsync(bool runningOnly = false, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<MachineInfo?> GetInfoAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task CreateAsync(CreateMachineRequest request, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task CloneAsync(string source, string name, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task SetMachineConfigAsync(string machine, MachineSetting setting, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task StartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task StopAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task RestartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<bool> DeleteAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<CommandResult> RunAsync(RunCommandRequest request, MachineLog? log = null, CancellationToken cancellationToken = default) =>
        Run is null ? throw new NotSupportedException() : Task.FromResult(Run(request));
    public Task PushAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task PullAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<string> GetLogsAsync(string name, bool all = false, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
