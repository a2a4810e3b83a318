using CliWrap;

namespace OrbFixtures.OrbCtl;

/// <summary>
/// Feeds <paramref name="inner"/> from an output pipe until the pipe ends or <paramref name="stop"/> completes,
/// whichever comes first. A descendant that inherited the pipe (a daemon, a double-forked helper) can keep it open
/// long after <c>orbctl</c> exited; without this the read would wait for the descendant, and a finished command
/// would become a timeout. What was read before the stop is kept; bytes already waiting in the pipe are still read.
/// </summary>
internal sealed class UntilExitPipeTarget(PipeTarget inner, Task stop) : PipeTarget
{
    public override Task CopyFromAsync(Stream origin, CancellationToken cancellationToken = default) =>
        inner.CopyFromAsync(new UntilStopStream(origin, stop), cancellationToken);

    /// <summary>Reads into its own buffer, so a read abandoned at the stop never writes into a caller's memory later.</summary>
    internal sealed class UntilStopStream(Stream origin, Task stop) : ReadOnlyPipeStream
    {
        private readonly byte[] _buffer = new byte[81_920];
        private Task<int>? _pending;
        private bool _ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_ended || buffer.IsEmpty) return 0;
            var read = _pending ??= origin.ReadAsync(_buffer.AsMemory(0, Math.Min(buffer.Length, _buffer.Length)), cancellationToken).AsTask();
            // A read that is already complete wins over the stop: output still in the pipe is never thrown away.
            if (!read.IsCompleted) await Task.WhenAny(read, stop.WaitAsync(cancellationToken)).ConfigureAwait(false);
            if (!read.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _ended = true; // the read stays pending until the descendant closes the pipe; its bytes are not ours to deliver
                return 0;
            }
            _pending = null;
            var count = await read.ConfigureAwait(false);
            _buffer.AsSpan(0, count).CopyTo(buffer.Span);
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    }
}

/// <summary>A forward-only, read-only stream: the members a pipe does not support, said once.</summary>
internal abstract class ReadOnlyPipeStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
