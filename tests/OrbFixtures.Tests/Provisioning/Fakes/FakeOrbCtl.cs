using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;

namespace OrbFixtures.Tests.Provisioning.Fakes;

/// <summary>
/// An in-memory OrbStack behind <see cref="IOrbCtlClient"/>, on a fake clock. Every call is logged (<see cref="Calls"/>)
/// and recorded in the history it is given, like the real client. Waits complete inline when the clock advances, so
/// a test that advances time sees every consequence before <c>Advance</c> returns.
/// </summary>
internal sealed partial class FakeOrbCtl(FakeTimeProvider time) : IOrbCtlClient
{
    private readonly object _lock = new();
    private readonly List<string> _calls = [];
    private readonly List<DateTimeOffset> _createTimes = [];
    private int _nextId;
    private int _activeCreates;

    public FakeTimeProvider Time { get; } = time;
    public Dictionary<string, FakeMachine> Machines { get; } = new(StringComparer.Ordinal);
    public Queue<CreateStep> CreateSteps { get; } = new();

    /// <summary>How long a create takes until the machine is running (and a normal create returns).</summary>
    public TimeSpan CreateDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When a timing-out create gives up (the client's create timeout).</summary>
    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Answers <c>run</c> before the default (exit 0 when running, 1 otherwise); return null to fall through.</summary>
    public Func<RunCommandRequest, CommandResult?>? OnRun { get; set; }

    /// <summary>Awaited at the start of every create (tests hold creates open with it).</summary>
    public Func<CreateMachineRequest, CancellationToken, Task>? BeforeCreate { get; set; }

    /// <summary>
    /// Awaited at the start of every <c>info</c>, given the machine name and the 1-based number of <c>info</c> calls for
    /// it so far (tests hold a poll open with it, like an <c>orbctl</c> process that is slow to die).
    /// </summary>
    public Func<string, int, Task>? BeforeInfo { get; set; }

    /// <summary>Awaited at the start of every <c>info</c> with the caller's token, like an <c>orbctl</c> process that answers
    /// slowly and is killed when the caller gives up.</summary>
    public Func<string, CancellationToken, Task>? SlowInfo { get; set; }

    /// <summary>What each create's <c>-c</c> file held, and its Unix mode, while create ran.</summary>
    public List<(string Path, string Content, UnixFileMode Mode)> UserDataSeen { get; } = [];

    /// <summary>A machine whose <c>info</c> fails as if OrbStack were starting.</summary>
    public string? FailInfoOf { get; set; }

    /// <summary>A machine whose <c>delete</c> fails (like a full disk or a read-only rootfs).</summary>
    public string? FailDeleteOf { get; set; }

    /// <summary>A machine whose <c>start</c> fails (like a VM out of memory).</summary>
    public string? FailStartOf { get; set; }

    public int MaxActiveCreates { get; private set; }
    public int ActiveCreates => Volatile.Read(ref _activeCreates);

    public IReadOnlyList<string> Calls
    {
        get { lock (_lock) return [.. _calls]; }
    }

    public IReadOnlyList<DateTimeOffset> CreateTimes
    {
        get { lock (_lock) return [.. _createTimes]; }
    }

    public FakeMachine AddMachine(string name, MachineState? forced = null, string? id = null)
    {
        var machine = new FakeMachine { Name = name, Id = id ?? NewId(), RunningAt = Time.GetUtcNow(), Forced = forced };
        lock (_lock) Machines[name] = machine;
        return machine;
    }

    public bool Exists(string name)
    {
        lock (_lock) return Machines.ContainsKey(name);
    }

    public string NewId()
    {
        // Real ULIDs of the fake clock's time: ownership proofs read the creation time out of them.
        lock (_lock) return Ulid.For(Time.GetUtcNow(), (ulong)++_nextId);
    }

    private void Log(string call)
    {
        lock (_lock) _calls.Add(call);
    }

    private FakeMachine? Find(string name)
    {
        lock (_lock) return Machines.GetValueOrDefault(name);
    }

    public async Task<MachineInfo?> GetInfoAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"info {name}");
        if (BeforeInfo is { } before)
        {
            int count;
            lock (_lock) count = _calls.Count(c => c == $"info {name}");
            await before(name, count).ConfigureAwait(false);
        }
        if (SlowInfo is { } slow) await slow(name, cancellationToken).ConfigureAwait(false);
        return Info(name, log);
    }

    private MachineInfo? Info(string name, MachineLog? log)
    {
        Record(log, Operation.Info, ["info", name, "-f", "json"]);
        if (name == FailInfoOf) throw Error(Operation.Info, OrbCtlErrorKind.DaemonNotRunning, "timed out waiting for services to start");
        var m = Find(name);
        if (m is null) return null;
        var state = m.StateAt(Time.GetUtcNow());
        var raw = state.ToString().ToLowerInvariant();
        return new MachineInfo(m.Id, m.Name, state, raw,
            new MachineImage(m.Distro, m.Version, m.Arch, "default"), m.User ?? "tester", false, null,
            state == MachineState.Running ? "192.168.138.7" : null, null);
    }

    public Task<CommandResult> RunAsync(RunCommandRequest request, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"run {request.Machine} {string.Join(' ', request.Command)}");
        // Recorded as the real client records it: the request's secrets masked (its own redaction is tested in RedactionTests).
        Record(log, Operation.Run, ["run", "-m", request.Machine, .. new SecretRedactor(request.Secrets).Argv(request.Command)]);
        if (OnRun?.Invoke(request) is { } scripted) return Task.FromResult(scripted);
        var m = Find(request.Machine);
        var ok = m is not null && m.StateAt(Time.GetUtcNow()) == MachineState.Running;
        return Task.FromResult(new CommandResult(ok ? 0 : 1, ok && request.Command[0] == "echo" ? string.Join(' ', request.Command.Skip(1)) + "\n" : "",
            "", TimeSpan.FromMilliseconds(5)));
    }

    public Task<bool> DeleteAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"delete {name}");
        Record(log, Operation.Delete, ["delete", "-f", name]);
        if (name == FailDeleteOf)
            throw Error(Operation.Delete, OrbCtlErrorKind.Unknown, "[-32098] delete rootfs: read-only file system");
        lock (_lock) return Task.FromResult(Machines.Remove(name));
    }

    /// <summary>How long a clone takes on the fake clock (zero: it returns at once).</summary>
    public TimeSpan CloneDuration { get; set; } = TimeSpan.Zero;

    /// <summary>A clone source whose clone fails (after the copy was made, as a half-done clone would).</summary>
    public string? FailCloneOf { get; set; }

    public async Task CloneAsync(string source, string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"clone {source} {name}");
        var from = Find(source) ?? throw Error(Operation.Clone, OrbCtlErrorKind.NotFound, $"[-32098] machine not found: '{source}'");
        if (Exists(name)) throw Error(Operation.Clone, OrbCtlErrorKind.AlreadyExists, $"[-32098] machine already exists: '{name}'");
        var copy = new FakeMachine
        {
            Name = name, Id = NewId(), RunningAt = Time.GetUtcNow(), Distro = from.Distro, Version = from.Version, Arch = from.Arch,
            User = from.User, Forced = MachineState.Stopped, Config = new(from.Config, StringComparer.Ordinal), ClonedFrom = source,
        };
        lock (_lock) Machines[name] = copy;
        if (CloneDuration > TimeSpan.Zero) await Time.DelayAsync(CloneDuration, cancellationToken).ConfigureAwait(false);
        Record(log, Operation.Clone, ["clone", source, name], duration: CloneDuration);
        if (source == FailCloneOf) throw Error(Operation.Clone, OrbCtlErrorKind.Unknown, "[-32098] clone: copy data: no space left on device");
    }

    public Task SetMachineConfigAsync(string machine, MachineSetting setting, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"config set machine.{machine}.{setting.KeyText} {setting.Value}");
        Record(log, Operation.Config, ["config", "set", $"machine.{machine}.{setting.KeyText}", setting.Value]);
        var m = Find(machine) ?? throw Error(Operation.Config, OrbCtlErrorKind.NotFound, $"[-32098] machine not found: '{machine}'");
        lock (_lock) m.Config[setting.KeyText] = setting.Value;
        return Task.CompletedTask;
    }

    public Task StartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"start {name}");
        Record(log, Operation.Start, ["start", name]);
        if (name == FailStartOf) throw Error(Operation.Start, OrbCtlErrorKind.Unknown, "[-32098] start: not enough memory");
        var m = Find(name) ?? throw Error(Operation.Start, OrbCtlErrorKind.NotFound, $"[-32098] machine not found: '{name}'");
        if (m.Forced == MachineState.Stopped) m.Forced = null;
        return Task.CompletedTask;
    }

    public Task StopAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"stop {name}");
        Record(log, Operation.Stop, ["stop", name]);
        var m = Find(name) ?? throw Error(Operation.Stop, OrbCtlErrorKind.NotFound, $"[-32098] machine not found: '{name}'");
        m.Forced = MachineState.Stopped;
        return Task.CompletedTask;
    }

    public Task RestartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"restart {name}");
        Record(log, Operation.Restart, ["restart", name]);
        var m = Find(name) ?? throw Error(Operation.Restart, OrbCtlErrorKind.NotFound, $"[-32098] machine not found: '{name}'");
        m.Forced = null;
        m.RunningAt = Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        return Task.CompletedTask;
    }

    public Task PushAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"push {machine} {source} {destination}".TrimEnd());
        Record(log, Operation.Push, ["push", "-m", machine, .. new SecretRedactor(secrets).Argv([source])]);
        return Task.CompletedTask;
    }

    public Task PullAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        MachineLog? log = null, CancellationToken cancellationToken = default)
    {
        Log($"pull {machine} {source} {destination}".TrimEnd());
        Record(log, Operation.Pull, ["pull", "-m", machine, .. new SecretRedactor(secrets).Argv([source])]);
        return Task.CompletedTask;
    }

    public Task<OrbStackStatus> GetStatusAsync(MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<OrbCtlVersion> GetVersionAsync(MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task StartOrbStackAsync(MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<MachineInfo>> ListAsync(bool runningOnly = false, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<string> GetLogsAsync(string name, bool all = false, MachineLog? log = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    // Like the real client: one AttemptFinished per process, appended when it ended, with the decision taken after it.
    private void Record(MachineLog? log, Operation operation, string[] argv, AttemptOutcome outcome = AttemptOutcome.Succeeded,
        OrbCtlErrorKind? error = null, string stderr = "", TimeSpan? duration = null, AttemptDecision? decision = null, int attempt = 1)
    {
        var took = duration ?? TimeSpan.FromMilliseconds(5);
        var now = Time.GetUtcNow();
        log?.Append(new AttemptFinished(now, operation, attempt, ["orbctl", .. argv], now - took, took,
            operation == Operation.Create ? CreateTimeout : TimeSpan.FromSeconds(30),
            outcome == AttemptOutcome.Succeeded ? 0 : outcome == AttemptOutcome.Failed ? 1 : null, "", stderr, outcome, error,
            decision ?? (outcome == AttemptOutcome.Succeeded ? AttemptDecision.Done : AttemptDecision.GaveUpPermanent)));
    }

    private OrbCtlException Error(Operation operation, OrbCtlErrorKind kind, string stderr, TimeSpan? timeout = null) =>
        new($"orbctl {operation.ToString().ToLowerInvariant()} failed ({kind}): {stderr}", operation, kind, ["orbctl"],
            kind == OrbCtlErrorKind.TimedOut ? null : 1, stderr, "", timeout ?? TimeSpan.FromSeconds(30), 1);
}
