using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Provisioning;

namespace OrbFixtures.Tests.Provisioning.Fakes;

internal sealed partial class FakeOrbCtl
{
    public async Task CreateAsync(CreateMachineRequest request, AttemptHistory? history = null, CancellationToken cancellationToken = default)
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
            if (BeforeCreate is { } before) await before(request, cancellationToken).ConfigureAwait(false);
            CreateStep step;
            lock (_lock) step = CreateSteps.Count > 0 ? CreateSteps.Dequeue() : CreateStep.Succeed;
            await RunStepAsync(step, request, argv, history, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeCreates);
        }
    }

    private async Task RunStepAsync(CreateStep step, CreateMachineRequest request, string[] argv, AttemptHistory? history,
        DateTimeOffset started, CancellationToken cancellationToken)
    {
        var exists = $"[-32098] create '{request.Name}': machine already exists: '{request.Name}'";
        switch (step.Action)
        {
            case CreateAction.Fail:
                Record(history, Operation.Create, argv, AttemptOutcome.Failed, step.Kind, step.Stderr);
                throw Error(Operation.Create, step.Kind, step.Stderr, CreateTimeout);
            case CreateAction.TimeOutWithoutMachine:
                await WaitAsync(CreateTimeout, history, argv, started, cancellationToken).ConfigureAwait(false);
                Record(history, Operation.Create, argv, AttemptOutcome.TimedOut, OrbCtlErrorKind.TimedOut, duration: Time.GetUtcNow() - started);
                throw Error(Operation.Create, OrbCtlErrorKind.TimedOut, "", CreateTimeout);
        }
        if (Exists(request.Name))
        {
            Record(history, Operation.Create, argv, AttemptOutcome.Failed, OrbCtlErrorKind.AlreadyExists, exists);
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
                await WaitAsync(CreateDuration, history, argv, started, cancellationToken).ConfigureAwait(false);
                Record(history, Operation.Create, argv, duration: Time.GetUtcNow() - started);
                return;
            case CreateAction.HangAfterCreate:
                await WaitAsync(Timeout.InfiniteTimeSpan, history, argv, started, cancellationToken).ConfigureAwait(false);
                return;
            case CreateAction.TimeOutAfterCreate:
                await WaitAsync(CreateTimeout, history, argv, started, cancellationToken).ConfigureAwait(false);
                Record(history, Operation.Create, argv, AttemptOutcome.TimedOut, OrbCtlErrorKind.TimedOut, duration: Time.GetUtcNow() - started);
                throw Error(Operation.Create, OrbCtlErrorKind.TimedOut, "", CreateTimeout);
            case CreateAction.CreateThenAlreadyExists:
                Record(history, Operation.Create, argv, AttemptOutcome.Failed, OrbCtlErrorKind.AlreadyExists, exists);
                throw Error(Operation.Create, OrbCtlErrorKind.AlreadyExists, exists, CreateTimeout);
        }
    }

    // Like the real client: a cancelled create is recorded as Cancelled and its process is gone.
    private async Task WaitAsync(TimeSpan delay, AttemptHistory? history, string[] argv, DateTimeOffset started, CancellationToken cancellationToken)
    {
        try
        {
            await Time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Record(history, Operation.Create, argv, AttemptOutcome.Cancelled, duration: Time.GetUtcNow() - started);
            throw;
        }
    }
}
