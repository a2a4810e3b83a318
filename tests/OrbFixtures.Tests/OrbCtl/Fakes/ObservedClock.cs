using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace OrbFixtures.Tests.OrbCtl.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer armed on it (Polly's per-attempt timeouts and retry
/// delays), so a test can wait until the code under test is actually waiting, then advance exactly that much.
/// Nothing ever sleeps for real; the only real-time bound is a safety net for a broken test.
/// </summary>
internal sealed class ObservedClock : FakeTimeProvider
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_safety = TimeSpan.FromSeconds(20);

    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public ObservedClock() : base(Epoch) { }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    // A CancellationTokenSource creates its timer disarmed and arms it with Change (CancelAfter).
    private void Armed(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan) _created.Writer.TryWrite(dueTime);
    }

    private sealed class ObservedTimer(ITimer inner, ObservedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The due time of the next timer created (in creation order), once it exists.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken = default)
    {
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        safety.CancelAfter(s_safety);
        return await _created.Reader.ReadAsync(safety.Token);
    }

    /// <summary>Runs <paramref name="task"/> to completion by advancing the clock by the due time of every timer
    /// created. Good for tests where what matters is which attempts ran, not their exact timing.</summary>
    public async Task DriveAsync(Task task)
    {
        using var done = new CancellationTokenSource();
        _ = task.ContinueWith(_ => done.Cancel(), TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            TimeSpan due;
            try { due = await NextTimerAsync(done.Token); }
            catch (OperationCanceledException) when (done.IsCancellationRequested) { break; }
            Advance(due);
        }
        await task.WaitAsync(s_safety);
    }
}
