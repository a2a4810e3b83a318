using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

public sealed partial class OrbCtlClient
{
    /// <inheritdoc/>
    public Task StartOrbStackAsync(AttemptHistory? history = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.Start, OrbCtlArguments.StartOrbStack(), r => OperationOutput.Nothing(r, "start"), history, cancellationToken);

    /// <inheritdoc/>
    public Task CreateAsync(CreateMachineRequest request, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.Create(request);
        return ExecuteAsync(Operation.Create, OrbCtlArguments.Create(request), r => OperationOutput.Nothing(r, "create"), history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task CloneAsync(string source, string name, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(source, nameof(source));
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Clone, OrbCtlArguments.Clone(source, name), r => OperationOutput.Nothing(r, "clone"), history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StartAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Start, OrbCtlArguments.Start(name), r => OperationOutput.Nothing(r, "start"), history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        // Validation also guarantees a name: `orbctl stop` without one would stop all of OrbStack.
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Stop, OrbCtlArguments.Stop(name), OperationOutput.Stop, history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RestartAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Restart, OrbCtlArguments.Restart(name), OperationOutput.Restart, history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string name, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Delete, OrbCtlArguments.Delete(name), OperationOutput.Delete, history, cancellationToken);
    }
}
