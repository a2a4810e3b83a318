using System.Text;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>The bounded head + tail buffer: what is kept, what is counted as dropped, and how it reads as text.</summary>
public sealed class OutputCaptureTests
{
    private static OutputCapture Captured(int maxBytes, params string[] writes)
    {
        var capture = new OutputCapture(maxBytes);
        foreach (var write in writes) capture.Write(Encoding.UTF8.GetBytes(write));
        return capture;
    }

    [Fact]
    public void Output_within_the_cap_is_kept_whole_with_nothing_dropped()
    {
        var capture = Captured(10, "abc", "defg", "hij");

        Assert.Equal(new CapturedText("abcdefghij", 0), capture.ToText("stdout"));
        Assert.Equal((10L, 0L), (capture.TotalBytes, capture.DroppedBytes));
    }

    [Fact]
    public void Past_the_cap_the_first_and_last_half_are_kept_around_a_marker_with_the_dropped_count()
    {
        var capture = Captured(8, "0123", "45", "6789ab", "cdef");

        Assert.Equal((16L, 8L), (capture.TotalBytes, capture.DroppedBytes));
        Assert.Equal(new CapturedText("0123" + OutputCapture.Marker(8, "stdout", 8) + "cdef", 8), capture.ToText("stdout"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public void The_tail_is_the_last_bytes_whatever_the_write_sizes(int chunk)
    {
        var data = string.Concat(Enumerable.Range(0, 1000).Select(i => (char)('a' + i % 26)));
        var capture = new OutputCapture(20);
        for (var i = 0; i < data.Length; i += chunk) capture.Write(Encoding.ASCII.GetBytes(data[i..Math.Min(data.Length, i + chunk)]));

        var text = capture.ToText("stderr");

        Assert.Equal(980, text.DroppedBytes);
        Assert.Equal(data[..10] + OutputCapture.Marker(980, "stderr", 20) + data[^10..], text.Text);
    }

    [Fact]
    public void Head_and_tail_that_touch_are_decoded_as_one_stream()
    {
        // "é" is two bytes: its first in the head (3 bytes), its second in the tail; nothing dropped between them.
        var capture = Captured(6, "ab", "\u00e9", "c");

        Assert.Equal(new CapturedText("ab\u00e9c", 0), capture.ToText("stdout"));
    }

    [Fact]
    public void A_character_cut_by_the_gap_is_dropped_whole_and_counted()
    {
        // Head "ab" + first byte of "€" (3 bytes); the tail starts inside another "€".
        var capture = Captured(6, "ab\u20ac", "xxxxxxxx", "\u20acyz");
        var text = capture.ToText("stdout");

        Assert.DoesNotContain('\uFFFD', text.Text);
        Assert.StartsWith("ab\n[OrbFixtures:", text.Text, StringComparison.Ordinal);
        Assert.EndsWith("]\nyz", text.Text, StringComparison.Ordinal);
        Assert.Equal(capture.TotalBytes - 4, text.DroppedBytes); // only "ab" and "yz" survive
    }

    [Fact]
    public void The_marker_names_the_stream_the_dropped_bytes_and_the_cap()
    {
        Assert.Equal("\n[OrbFixtures: 1,073,741,824 bytes of stdout dropped here; at most 16,777,216 bytes are kept, the first and the last half]\n",
            OutputCapture.Marker(1L << 30, "stdout", 16 * 1024 * 1024));
    }

    [Fact]
    public async Task Reading_a_stream_keeps_only_the_cap_however_long_it_is()
    {
        var capture = new OutputCapture(1024);
        await capture.CopyFromAsync(new MemoryStream(new byte[5_000_000]));

        var text = capture.ToText("stdout");

        Assert.Equal((5_000_000L, 5_000_000L - 1024), (capture.TotalBytes, text.DroppedBytes));
        Assert.Equal(1024 + OutputCapture.Marker(text.DroppedBytes, "stdout", 1024).Length, text.Text.Length);
    }
}
