using OrbFixtures.OrbCtl;

namespace OrbFixtures.Tests.OrbCtl.Fakes;

/// <summary>A scripted stand-in for orbctl processes: each invocation takes the next scripted response (the last
/// one repeats), and a hanging response waits until the client kills it (its token is cancelled).</summary>
internal sealed class FakeOrbCtlProcessRunner : IOrbCtlProcessRunner
{
    private static readonly TimeSpan s_safety = TimeSpan.FromSeconds(20);

    private readonly TimeProvider _time;
    private readonly List<FakeResponse> _script = [];
    private readonly List<FakeInvocation> _invocations = [];
    private readonly SemaphoreSlim _started = new(0);
    private int _next;

    public FakeOrbCtlProcessRunner(TimeProvider time) => _time = time;

    public IReadOnlyList<FakeInvocation> Invocations { get { lock (_invocations) return [.. _invocations]; } }

    public FakeOrbCtlProcessRunner Then(int exitCode, string stdout = "", string stderr = "")
    {
        _script.Add(new FakeResponse(exitCode, stdout, stderr, Hang: false));
        return this;
    }

    public FakeOrbCtlProcessRunner ThenSucceed(string stdout = "") => Then(0, stdout);

    public FakeOrbCtlProcessRunner ThenFail(string stderr, int exitCode = 1) => Then(exitCode, "", stderr);

    public FakeOrbCtlProcessRunner ThenHang()
    {
        _script.Add(new FakeResponse(0, "", "", Hang: true));
        return this;
    }

    public FakeOrbCtlProcessRunner ThenThrow(Exception exception)
    {
        _script.Add(new FakeResponse(0, "", "", Hang: false, exception));
        return this;
    }

    /// <summary>Waits (without sleeping) until at least <paramref name="count"/> processes have started.</summary>
    public async Task WaitForInvocationsAsync(int count)
    {
        while (true)
        {
            lock (_invocations) if (_invocations.Count >= count) return;
            if (!await _started.WaitAsync(s_safety)) throw new TimeoutException($"Expected {count} orbctl invocations, saw {Invocations.Count}.");
        }
    }

    public async Task<OrbCtlProcessResult> RunAsync(OrbCtlProcessRequest request, CancellationToken cancellationToken)
    {
        if (_script.Count == 0) throw new InvalidOperationException("The fake runner has no scripted response.");
        FakeResponse response;
        var invocation = new FakeInvocation(request, _time.GetUtcNow());
        lock (_invocations)
        {
            response = _script[Math.Min(_next++, _script.Count - 1)];
            _invocations.Add(invocation);
        }
        _started.Release();
        if (response.Throw is { } exception) throw exception;
        if (!response.Hang) return new OrbCtlProcessResult(response.ExitCode, response.Stdout, response.Stderr);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() =>
        {
            invocation.KilledAt = _time.GetUtcNow();
            killed.TrySetResult();
        });
        await killed.Task;
        throw new OperationCanceledException(cancellationToken);
    }

    private sealed record FakeResponse(int ExitCode, string Stdout, string Stderr, bool Hang, Exception? Throw = null);
}

/// <summary>One process the fake was asked to start.</summary>
internal sealed class FakeInvocation(OrbCtlProcessRequest request, DateTimeOffset startedAt)
{
    public OrbCtlProcessRequest Request { get; } = request;
    public IReadOnlyList<string> Arguments => Request.Arguments;
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>When the client killed it (its token was cancelled), on the fake clock.</summary>
    public DateTimeOffset? KilledAt { get; set; }
}
