using System.Buffers;
using System.Globalization;
using System.Text;
using CliWrap;

namespace OrbFixtures.OrbCtl;

/// <summary>
/// Keeps at most <see cref="MaxBytes"/> bytes of one output stream: the first half as it arrives (head) and the most
/// recent half in a ring (tail), counting what falls between them. Bytes are kept as bytes and decoded once, at the
/// end, so a gigabyte of output costs the cap, not four bytes of host memory per byte of output.
/// </summary>
internal sealed class OutputCapture : PipeTarget
{
    private const int ReadChunk = 81_920;

    private readonly int _headCapacity;
    private readonly int _tailCapacity;
    private byte[] _head = [];
    private int _headLength;
    private byte[]? _tail;
    private int _tailStart;
    private int _tailLength;

    public OutputCapture(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 2);
        MaxBytes = maxBytes;
        _headCapacity = maxBytes / 2;
        _tailCapacity = maxBytes - _headCapacity;
    }

    /// <summary>The most bytes kept.</summary>
    public int MaxBytes { get; }

    /// <summary>Every byte seen, kept or not.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Bytes seen but not kept (between head and tail).</summary>
    public long DroppedBytes => TotalBytes - _headLength - _tailLength;

    /// <summary>Reads <paramref name="origin"/> to its end in fixed chunks (CliWrap calls this for a redirected stream).</summary>
    public override async Task CopyFromAsync(Stream origin, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            int read;
            while ((read = await origin.ReadAsync(buffer.AsMemory(0, ReadChunk), cancellationToken).ConfigureAwait(false)) > 0)
                Write(buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        TotalBytes += data.Length;
        var toHead = Math.Min(data.Length, _headCapacity - _headLength);
        if (toHead > 0)
        {
            // Grown by doubling rather than allocated at the cap: most outputs are a few bytes.
            if (_headLength + toHead > _head.Length)
                Array.Resize(ref _head, (int)Math.Min(_headCapacity, Math.Max(_headLength + toHead, Math.Max(256L, _head.Length * 2L))));
            data[..toHead].CopyTo(_head.AsSpan(_headLength));
            _headLength += toHead;
            data = data[toHead..];
        }
        if (data.IsEmpty || _tailCapacity == 0) return;
        _tail ??= new byte[_tailCapacity];
        if (data.Length >= _tailCapacity)
        {
            data[^_tailCapacity..].CopyTo(_tail);
            _tailStart = 0;
            _tailLength = _tailCapacity;
            return;
        }
        // Append at the ring's end, wrapping; when full, the oldest bytes are overwritten (the start moves on).
        var end = (_tailStart + _tailLength) % _tailCapacity;
        var first = Math.Min(data.Length, _tailCapacity - end);
        data[..first].CopyTo(_tail.AsSpan(end));
        data[first..].CopyTo(_tail);
        var overflow = Math.Max(0, _tailLength + data.Length - _tailCapacity);
        _tailLength = Math.Min(_tailCapacity, _tailLength + data.Length);
        _tailStart = (_tailStart + overflow) % _tailCapacity;
    }

    /// <summary>The kept output as UTF-8 text: all of it, or head, <see cref="Marker"/> and tail. A character cut in
    /// two by the gap is dropped whole (its bytes count as dropped). Decoded straight into the one result string: no
    /// intermediate copies of a 16 MiB output.</summary>
    public CapturedText ToText(string streamName)
    {
        var head = new Piece(_head, 0, _headLength);
        // The ring in order: from its start to the end of the array, then from the array's start.
        var firstPart = Math.Min(_tailLength, _tailCapacity - _tailStart);
        var tailA = new Piece(_tail, _tailStart, firstPart);
        var tailB = new Piece(_tail, 0, _tailLength - firstPart);
        if (DroppedBytes == 0) return new CapturedText(Decode([head, tailA, tailB], marker: null, []), 0);

        var headCut = IncompleteSuffix(head.Span);
        var tailSkipped = 0;
        while (tailSkipped < _tailLength && (_tail![(_tailStart + tailSkipped) % _tailCapacity] & 0xC0) == 0x80) tailSkipped++;
        var skipA = Math.Min(tailSkipped, tailA.Length);
        var dropped = DroppedBytes + headCut + tailSkipped;
        var text = Decode([head with { Length = head.Length - headCut }], Marker(dropped, streamName, MaxBytes),
            [tailA with { Start = tailA.Start + skipA, Length = tailA.Length - skipA }, tailB with { Start = tailSkipped - skipA, Length = tailB.Length - (tailSkipped - skipA) }]);
        return new CapturedText(text, dropped);
    }

    private readonly record struct Piece(byte[]? Bytes, int Start, int Length)
    {
        public ReadOnlySpan<byte> Span => Bytes.AsSpan(Start, Length);
    }

    /// <summary>The pieces before the marker are decoded as one stream, and so are those after it.</summary>
    private static string Decode(Piece[] before, string? marker, Piece[] after) =>
        string.Create(CharCount(before) + (marker?.Length ?? 0) + CharCount(after), (before, marker, after), static (chars, state) =>
        {
            var used = Chars(state.before, chars);
            if (state.marker is { } m)
            {
                m.CopyTo(chars[used..]);
                used += m.Length;
            }
            Chars(state.after, chars[used..]);
        });

    private static int CharCount(Piece[] pieces)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var count = 0;
        for (var i = 0; i < pieces.Length; i++) count += decoder.GetCharCount(pieces[i].Span, flush: i == pieces.Length - 1);
        return count;
    }

    private static int Chars(Piece[] pieces, Span<char> destination)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var count = 0;
        for (var i = 0; i < pieces.Length; i++) count += decoder.GetChars(pieces[i].Span, destination[count..], flush: i == pieces.Length - 1);
        return count;
    }

    /// <summary>The line that stands where output was dropped; the one place this sentence is written.</summary>
    public static string Marker(long droppedBytes, string streamName, int maxBytes) => string.Create(CultureInfo.InvariantCulture,
        $"\n[OrbFixtures: {droppedBytes:N0} bytes of {streamName} dropped here; at most {maxBytes:N0} bytes are kept, the first and the last half]\n");

    /// <summary>How many bytes at the end of <paramref name="bytes"/> start a UTF-8 sequence that is not complete.</summary>
    private static int IncompleteSuffix(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: look further back for the lead byte
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }
        return 0;
    }
}

/// <summary>Decoded output and how many bytes of it were dropped (0 when complete).</summary>
internal readonly record struct CapturedText(string Text, long DroppedBytes);
