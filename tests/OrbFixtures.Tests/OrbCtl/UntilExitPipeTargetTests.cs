using System.Text;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Reading a pipe that a descendant keeps open: the read ends at the stop signal and keeps what it read.</summary>
public sealed class UntilExitPipeTargetTests
{
    /// <summary>A pipe that delivers some chunks, then never ends (a descendant holds its write end).</summary>
    private sealed class HeldOpenPipe(params string[] chunks) : ReadOnlyPipeStream
    {
        private readonly Queue<byte[]> _chunks = new(chunks.Select(Encoding.UTF8.GetBytes));
        public TaskCompletionSource<int> Held { get; } = new();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_chunks.TryDequeue(out var chunk))
            {
                chunk.CopyTo(buffer);
                return chunk.Length;
            }
            return await Held.Task.WaitAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_held_open_pipe_ends_at_the_stop_and_keeps_what_was_read()
    {
        var pipe = new HeldOpenPipe("first ", "second");
        var capture = new OutputCapture(1024);
        var stop = new TaskCompletionSource();

        var copy = new UntilExitPipeTarget(capture, stop.Task).CopyFromAsync(pipe);
        Assert.False(copy.IsCompleted); // waiting on the held pipe

        stop.SetResult();
        await copy;

        Assert.Equal("first second", capture.ToText("stdout").Text);
        pipe.Held.SetResult(5); // the descendant finally writes: too late, and into nobody's buffer
    }

    [Fact]
    public async Task Data_already_in_the_pipe_wins_over_the_stop()
    {
        var capture = new OutputCapture(1024);

        await new UntilExitPipeTarget(capture, Task.CompletedTask).CopyFromAsync(new MemoryStream("all of it"u8.ToArray()));

        Assert.Equal("all of it", capture.ToText("stdout").Text);
    }

    [Fact]
    public async Task Cancellation_still_cancels_a_held_read()
    {
        var pipe = new HeldOpenPipe();
        using var cts = new CancellationTokenSource();
        var copy = new UntilExitPipeTarget(new OutputCapture(1024), new TaskCompletionSource().Task).CopyFromAsync(pipe, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy);
    }
}
