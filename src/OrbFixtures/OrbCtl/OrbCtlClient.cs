using OrbFixtures.Configuration;
using OrbFixtures.Diagnostics;
using OrbFixtures.Validation;

namespace OrbFixtures.OrbCtl;

/// <summary>The <see cref="IOrbCtlClient"/> that runs the real <c>orbctl</c> (or the simulator) through CliWrap.</summary>
internal sealed class OrbCtlClient : IOrbCtlClient
{
    private readonly OperationExecutor _executor;

    /// <summary>Creates a client with the given options.</summary>
    /// <exception cref="OrbFixturesConfigurationException">An option is invalid; the message names it, its value and the rule.</exception>
    public OrbCtlClient(OrbCtlClientOptions? options = null)
        : this(options ?? new OrbCtlClientOptions(), new CliWrapProcessRunner((options ?? new OrbCtlClientOptions()).TimeProvider ?? TimeProvider.System))
    {
    }

    /// <summary>Creates a client that starts its processes through <paramref name="runner"/> (tests pass a fake).</summary>
    internal OrbCtlClient(OrbCtlClientOptions options, IOrbCtlProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        Validate(options);
        Options = options;
        _executor = new OperationExecutor(options, runner);
    }

    /// <summary>The options this client runs with.</summary>
    public OrbCtlClientOptions Options { get; }

    private Task<T> ExecuteAsync<T>(Operation operation, string[] arguments, Func<OrbCtlProcessResult, Interpretation<T>> interpret,
        MachineLog? log, CancellationToken cancellationToken, IReadOnlyCollection<string>? secrets = null) =>
        _executor.ExecuteAsync(
            new OrbCtlInvocation(operation, arguments, Options.Timeouts[operation], Redactor: secrets is null ? null : new SecretRedactor(secrets)),
            (result, _) => interpret(result), log, cancellationToken);

    private static void Validate(OrbCtlClientOptions options)
    {
        const string prefix = nameof(OrbCtlClientOptions) + ".";
        if (string.IsNullOrWhiteSpace(options.OrbctlPath))
            throw Invalid(nameof(options.OrbctlPath), options.OrbctlPath, "the path of orbctl or the bare name 'orbctl'");
        if (options.Timeouts is null) throw Invalid(nameof(options.Timeouts), null, "a timeout table (OperationTimeouts.Default)");
        if (options.TimeProvider is null) throw Invalid(nameof(options.TimeProvider), null, "a clock (TimeProvider.System)");
        if (options.EnvironmentVariables is null) throw Invalid(nameof(options.EnvironmentVariables), null, "a dictionary (empty for none)");
        OptionRanges.MaxOutputBytes.Check(options.MaxOutputBytes, prefix + nameof(options.MaxOutputBytes));
        OrbFixturesOptionsValidation.ValidateEnvironment(options.EnvironmentVariables, prefix + nameof(options.EnvironmentVariables));
        var retry = options.Retry ?? throw Invalid(nameof(options.Retry), null, "retry options (new OrbCtlRetryOptions())");
        OrbFixturesOptionsValidation.ValidateRetry(retry, prefix + nameof(options.Retry) + ".");

        static OrbFixturesConfigurationException Invalid(string property, string? value, string expected) =>
            new(prefix + property, value ?? "null", expected);
    }

    /// <inheritdoc/>
    public Task<OrbStackStatus> GetStatusAsync(MachineLog? log = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.Status, OrbCtlArguments.Status(), OperationOutput.Status, log, cancellationToken);

    /// <inheritdoc/>
    public Task<OrbCtlVersion> GetVersionAsync(MachineLog? log = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.Version, OrbCtlArguments.Version(), OperationOutput.Version, log, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<MachineInfo>> ListAsync(bool runningOnly = false, MachineLog? log = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.List, OrbCtlArguments.List(runningOnly), OperationOutput.List, log, cancellationToken);

    /// <inheritdoc/>
    public Task<MachineInfo?> GetInfoAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Info, OrbCtlArguments.Info(name), OperationOutput.Info, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<string> GetLogsAsync(string name, bool all = false, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Logs, OrbCtlArguments.Logs(name, all), OperationOutput.Logs, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StartOrbStackAsync(MachineLog? log = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Operation.Start, OrbCtlArguments.StartOrbStack(), r => OperationOutput.Nothing(r, "start"), log, cancellationToken);

    /// <inheritdoc/>
    public Task CreateAsync(CreateMachineRequest request, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.Create(request);
        return CreateCheckedAsync(request, log, cancellationToken);
    }

    private async Task CreateCheckedAsync(CreateMachineRequest request, MachineLog? log, CancellationToken cancellationToken)
    {
        try
        {
            await _executor.ExecuteAsync(
                new OrbCtlInvocation(Operation.Create, OrbCtlArguments.Create(request), Options.Timeouts[Operation.Create])
                {
                    FirstAttempt = request.Attempt,
                    MaxAttempts = request.MaxAttempts,
                    Stop = request.Stop,
                },
                (result, _) => OperationOutput.Nothing(result, "create"), log, cancellationToken).ConfigureAwait(false);
        }
        catch (OrbCtlException e) when (e.Kind is OrbCtlErrorKind.InvalidArgument or OrbCtlErrorKind.ImageNotFound && ErrorClassifier.RejectsImage(e.StandardError))
        {
            // Which distros exist is orbctl's to say (an unknown one is not rejected beforehand); what OrbFixtures knows
            // of them only helps the reader fix the spec.
            throw e.WithHint(Distros.RejectedImageHint(request.Distro));
        }
    }

    /// <inheritdoc/>
    public Task CloneAsync(string source, string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(source, nameof(source));
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Clone, OrbCtlArguments.Clone(source, name), r => OperationOutput.Nothing(r, "clone"), log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task SetMachineConfigAsync(string machine, MachineSetting setting, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineSetting(machine, setting);
        return ExecuteAsync(Operation.Config, OrbCtlArguments.ConfigSet(machine, setting), OperationOutput.ConfigSet, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Start, OrbCtlArguments.Start(name), r => OperationOutput.Nothing(r, "start"), log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        // Validation also guarantees a name: `orbctl stop` without one would stop all of OrbStack.
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Stop, OrbCtlArguments.Stop(name), OperationOutput.Stop, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RestartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Restart, OrbCtlArguments.Restart(name), OperationOutput.Restart, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(name, nameof(name));
        return ExecuteAsync(Operation.Delete, OrbCtlArguments.Delete(name), OperationOutput.Delete, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<CommandResult> RunAsync(RunCommandRequest request, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.Run(request);
        var invocation = new OrbCtlInvocation(Operation.Run, OrbCtlArguments.Run(request),
            request.Timeout ?? Options.Timeouts[Operation.Run], request.StandardInput, new SecretRedactor(request.Secrets),
            new OutputRouting(request.MaxOutputBytes ?? Options.MaxOutputBytes, request.StandardOutputTarget, request.StandardErrorTarget));
        return _executor.ExecuteAsync(invocation, OperationOutput.Run, log, cancellationToken);
    }

    /// <inheritdoc/>
    public Task PushAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(machine, nameof(machine));
        OrbCtlInput.Path(source, "host source path", nameof(source));
        if (destination is not null) OrbCtlInput.Path(destination, "destination path in the machine", nameof(destination));
        return ExecuteAsync(Operation.Push, OrbCtlArguments.Push(machine, source, destination), r => OperationOutput.Nothing(r, "push"), log,
            cancellationToken, secrets);
    }

    /// <inheritdoc/>
    public Task PullAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        OrbCtlInput.MachineName(machine, nameof(machine));
        OrbCtlInput.Path(source, "source path in the machine", nameof(source));
        if (destination is not null) OrbCtlInput.Path(destination, "host destination path", nameof(destination));
        return ExecuteAsync(Operation.Pull, OrbCtlArguments.Pull(machine, source, destination), r => OperationOutput.Nothing(r, "pull"), log,
            cancellationToken, secrets);
    }
}
