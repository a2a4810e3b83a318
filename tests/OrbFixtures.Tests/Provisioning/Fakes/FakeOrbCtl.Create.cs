using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;

namespace OrbFixtures.Tests.Provisioning.Fakes;

internal sealed partial class FakeOrbCtl
{
    public async Task CreateAsync(CreateMachineRequest request, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"create {request.Name}");
        string[] argv = ["create", .. request.UserDataFile is null ? Array.Empty<string>() : ["-c", request.UserDataFile],
            request.Version is null ? request.Distro : $"{request.Distro}:{request.Version}", request.Name];
        var started = Time.GetUtcNow();
        lock (_lock) _createTimes.Add(started);
        if (request.UserDataFile is { } file)
            UserDataSeen.Add((file, File.ReadAllText(file), OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(file)));
        var active = Interlocked.Increment(ref _activeCreates);
        lock (_lock) MaxActiveCreates = Math.Max(MaxActiveCreates, active);
        try
        {
            if (BeforeCreate is { } before)
            {
                try
                {
                    await before(request, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    RecordCreate(log, request, argv, AttemptOutcome.Cancelled, duration: Time.GetUtcNow() - started);
                    throw;
                }
            }
            CreateStep step;
            lock (_lock) step = CreateSteps.Count > 0 ? CreateSteps.Dequeue() : CreateStep.Succeed;
            await RunStepAsync(step, request, argv, log, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeCreates);
        }
    }

    private async Task RunStepAsync(CreateStep step, CreateMachineRequest request, string[] argv, MachineLog? log,
        DateTimeOffset started, CancellationToken cancellationToken)
    {
        var exists = $"[-32098] create '{request.Name}': machine already exists: '{request.Name}'";
        switch (step.Action)
        {
            case CreateAction.Fail:
                RecordCreate(log, request, argv, AttemptOutcome.Failed, step.Kind, step.Stderr);
                var failed = Error(Operation.Create, step.Kind, step.Stderr, CreateTimeout);
                throw step.Hint is { } hint ? failed.WithHint(hint) : failed;
            case CreateAction.TimeOutWithoutMachine:
                await WaitAsync(CreateTimeout, log, request, argv, started, cancellationToken).ConfigureAwait(false);
                RecordCreate(log, request, argv, AttemptOutcome.TimedOut, OrbCtlErrorKind.TimedOut, duration: Time.GetUtcNow() - started);
                throw Error(Operation.Create, OrbCtlErrorKind.TimedOut, "", CreateTimeout);
        }
        if (Exists(request.Name))
        {
            RecordCreate(log, request, argv, AttemptOutcome.Failed, OrbCtlErrorKind.AlreadyExists, exists);
            throw Error(Operation.Create, OrbCtlErrorKind.AlreadyExists, exists, CreateTimeout);
        }
        lock (_lock)
            Machines[request.Name] = new FakeMachine
            {
                Name = request.Name, Id = NewId(), RunningAt = started + CreateDuration,
                Distro = Distros.ByToken.TryGetValue(request.Distro, out var distro) ? distro.ImageName : request.Distro,
                Version = Distros.ResolveVersion(request.Distro, request.Version), Arch = request.Arch ?? "arm64", User = request.User,
            };
        switch (step.Action)
        {
            case CreateAction.Succeed:
                await WaitAsync(CreateDuration, log, request, argv, started, cancellationToken).ConfigureAwait(false);
                RecordCreate(log, request, argv, duration: Time.GetUtcNow() - started);
                return;
            case CreateAction.HangAfterCreate:
                await WaitAsync(Timeout.InfiniteTimeSpan, log, request, argv, started, cancellationToken).ConfigureAwait(false);
                return;
            case CreateAction.TimeOutAfterCreate:
                await WaitAsync(CreateTimeout, log, request, argv, started, cancellationToken).ConfigureAwait(false);
                RecordCreate(log, request, argv, AttemptOutcome.TimedOut, OrbCtlErrorKind.TimedOut, duration: Time.GetUtcNow() - started);
                throw Error(Operation.Create, OrbCtlErrorKind.TimedOut, "", CreateTimeout);
            case CreateAction.CreateThenAlreadyExists:
                RecordCreate(log, request, argv, AttemptOutcome.Failed, OrbCtlErrorKind.AlreadyExists, exists);
                throw Error(Operation.Create, OrbCtlErrorKind.AlreadyExists, exists, CreateTimeout);
        }
    }

    // Like the real client: numbered as the provisioner's create attempt, decided as the client decides a create
    // (an unknown outcome is reconciled, a transient failure retried while create attempts are left; a kill carries the
    // provisioner's reason: the watchdog's, or the caller's).
    private void RecordCreate(MachineLog? log, CreateMachineRequest request, string[] argv, AttemptOutcome outcome = AttemptOutcome.Succeeded,
        OrbCtlErrorKind? error = null, string stderr = "", TimeSpan? duration = null) =>
        Record(log, Operation.Create, argv, outcome, error, stderr, duration, attempt: request.Attempt, decision: outcome switch
        {
            AttemptOutcome.Succeeded => AttemptDecision.Done,
            AttemptOutcome.Cancelled => request.Stop?.Reason ?? AttemptDecision.CancelledByCaller,
            _ => RetryRules.AfterLastAttempt(Operation.Create, error ?? OrbCtlErrorKind.Unknown, request.Attempt < request.MaxAttempts),
        });

    // Like the real client: a cancelled create is recorded as Cancelled and its process is gone.
    private async Task WaitAsync(TimeSpan delay, MachineLog? log, CreateMachineRequest request, string[] argv, DateTimeOffset started, CancellationToken cancellationToken)
    {
        try
        {
            await Time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            RecordCreate(log, request, argv, AttemptOutcome.Cancelled, duration: Time.GetUtcNow() - started);
            throw;
        }
    }
}
