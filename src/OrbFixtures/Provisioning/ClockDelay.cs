using System.Collections.Concurrent;

namespace OrbFixtures.Provisioning;

/// <summary>
/// Waiting on a clock (<c>TimeProvider</c>) whose continuations run where the timer fires or the token is cancelled.
/// Unlike <c>Task.Delay(TimeSpan, TimeProvider, CancellationToken)</c>, cancellation completes synchronously too, so
/// a fake clock in tests drives the whole engine deterministically: after <c>Advance</c> returns, everything due has run.
/// </summary>
internal static class ClockDelay
{
    // A timer nobody references may be collected and never fire (timers stop in their finalizer); pending ones live here.
    private static readonly ConcurrentDictionary<ITimer, byte> s_pending = new();

    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (delay <= TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan) return Task.CompletedTask;
        var done = new TaskCompletionSource();
        var timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), done, Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        s_pending[timer] = 0;
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        _ = done.Task.ContinueWith(_ =>
        {
            s_pending.TryRemove(timer, out var _);
            timer.Dispose();
            registration.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        timer.Change(delay, Timeout.InfiniteTimeSpan); // armed only once it is rooted; infinite = until cancelled
        return done.Task;
    }
}
