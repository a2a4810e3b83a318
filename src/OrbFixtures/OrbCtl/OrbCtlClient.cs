using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>The <see cref="IOrbCtlClient"/> that runs the real <c>orbctl</c> (or the simulator) through CliWrap.</summary>
public sealed partial class OrbCtlClient : IOrbCtlClient
{
    /// <summary>Creates a client with the given options.</summary>
    public OrbCtlClient(OrbCtlClientOptions? options = null)
    {
        Options = options ?? new OrbCtlClientOptions();
    }

    /// <summary>The options this client runs with.</summary>
    public OrbCtlClientOptions Options { get; }

    // TODO(issue 3): implemented by the client work.
    /// <inheritdoc/>
    public Task<OrbStackStatus> GetStatusAsync(AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task<OrbCtlVersion> GetVersionAsync(AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task StartOrbStackAsync(AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task<IReadOnlyList<MachineInfo>> ListAsync(bool runningOnly = false, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task<MachineInfo?> GetInfoAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task CreateAsync(CreateMachineRequest request, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task CloneAsync(string source, string name, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task StartAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task StopAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task RestartAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task<CommandResult> RunAsync(RunCommandRequest request, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task PushAsync(string machine, string source, string? destination = null, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task PullAsync(string machine, string source, string? destination = null, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    /// <inheritdoc/>
    public Task<string> GetLogsAsync(string name, bool all = false, AttemptHistory? history = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
