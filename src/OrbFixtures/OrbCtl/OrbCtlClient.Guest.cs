using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

public sealed partial class OrbCtlClient
{
    /// <inheritdoc/>
    public Task<CommandResult> RunAsync(RunCommandRequest request, AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.Run(request);
        var invocation = new OrbCtlInvocation(Operation.Run, OrbCtlArguments.Run(request),
            request.Timeout ?? Options.Timeouts[Operation.Run], request.StandardInput, new SecretRedactor(request.Secrets),
            new OutputRouting(request.MaxOutputBytes ?? Options.MaxOutputBytes, request.StandardOutputTarget, request.StandardErrorTarget));
        return _executor.ExecuteAsync(invocation, OperationOutput.Run, history, cancellationToken);
    }

    /// <inheritdoc/>
    public Task PushAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(machine, nameof(machine));
        OrbCtlInput.Path(source, "host source path", nameof(source));
        if (destination is not null) OrbCtlInput.Path(destination, "destination path in the machine", nameof(destination));
        return ExecuteAsync(Operation.Push, OrbCtlArguments.Push(machine, source, destination), r => OperationOutput.Nothing(r, "push"), history,
            cancellationToken, secrets);
    }

    /// <inheritdoc/>
    public Task PullAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        AttemptHistory? history = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(machine, nameof(machine));
        OrbCtlInput.Path(source, "source path in the machine", nameof(source));
        if (destination is not null) OrbCtlInput.Path(destination, "host destination path", nameof(destination));
        return ExecuteAsync(Operation.Pull, OrbCtlArguments.Pull(machine, source, destination), r => OperationOutput.Nothing(r, "pull"), history,
            cancellationToken, secrets);
    }
}
