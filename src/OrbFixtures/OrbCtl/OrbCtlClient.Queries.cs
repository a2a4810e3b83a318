using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

public sealed partial class OrbCtlClient
{
    /// <inheritdoc/>
    public Task<OrbStackStatus> GetStatusAsync(AttemptHistory? history = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.Status, OrbCtlArguments.Status(), OperationOutput.Status, history, cancellationToken);

    /// <inheritdoc/>
    public Task<OrbCtlVersion> GetVersionAsync(AttemptHistory? history = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.Version, OrbCtlArguments.Version(), OperationOutput.Version, history, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<MachineInfo>> ListAsync(bool runningOnly = false, AttemptHistory? history = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.List, OrbCtlArguments.List(runningOnly), OperationOutput.List, history, cancellationToken);

    /// <inheritdoc/>
    public Task<MachineInfo?> GetInfoAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Info, OrbCtlArguments.Info(name), OperationOutput.Info, history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<string> GetLogsAsync(string name, bool all = false, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Logs, OrbCtlArguments.Logs(name, all), OperationOutput.Logs, history, cancellationToken);
    }
}
