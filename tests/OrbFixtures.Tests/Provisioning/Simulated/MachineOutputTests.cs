using System.Buffers;
using CliWrap;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>A guest command printing more than a gigabyte, on the simulator: captured, it ends truncated to the cap
/// (head, marker, tail, dropped count); streamed, every line reaches the caller's target. Both are recorded.</summary>
[Collection(WallClockCollection.Name)] // two gigabytes through pipes: kept off the other simulator tests' cores
public sealed class MachineOutputTests
{
    // `seq 120000000` prints 1,088,888,898 bytes: more than 1 GB (and 1 GiB).
    private const long Lines = 120_000_000;
    private static readonly MachineSpec s_box = MachineSpec.Create("box", "ubuntu");

    /// <summary>Bytes `seq N` prints: each number's digits and a newline.</summary>
    private static long SeqBytes(long n)
    {
        long total = 0;
        for (long digits = 1, low = 1; low <= n; digits++, low *= 10) total += (Math.Min(n, low * 10 - 1) - low + 1) * (digits + 1);
        return total;
    }

    [Fact]
    public async Task A_gigabyte_of_output_ends_truncated_to_the_default_cap_with_head_marker_tail_and_count()
    {
        using var world = new SimulatedWorld();
        await using var provisioner = world.Provisioner();
        var machine = await provisioner.EnsureAsync(s_box);

        var result = await machine.RunAsync(["seq", Lines.ToString(System.Globalization.CultureInfo.InvariantCulture)], options: null);

        var dropped = SeqBytes(Lines) - OrbCtlClientOptions.DefaultMaxOutputBytes;
        Assert.True(SeqBytes(Lines) > 1_000_000_000);
        Assert.Equal((0, true, dropped, 0L), (result.ExitCode, result.IsTruncated, result.StandardOutputDroppedBytes, result.StandardErrorDroppedBytes));
        Assert.StartsWith("1\n2\n3\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("\n119999999\n120000000\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"[OrbFixtures: {dropped:N0} bytes of stdout dropped here;", result.StandardOutput, StringComparison.Ordinal);
        var record = machine.RecentCommands[^1];
        Assert.Equal((["seq", "120000000"], 0), (record.Command, record.ExitCode));
        Assert.EndsWith("120000000\n", record.StandardOutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_call_cap_overrides_the_default()
    {
        using var world = new SimulatedWorld();
        await using var provisioner = world.Provisioner();
        var machine = await provisioner.EnsureAsync(s_box);

        var result = await machine.RunAsync(["seq", "100000"], new RunOptions { MaxOutputBytes = 1024 });

        Assert.Equal(SeqBytes(100_000) - 1024, result.StandardOutputDroppedBytes);
        Assert.StartsWith("1\n2\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("99999\n100000\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_streaming_form_delivers_every_line_of_a_gigabyte_and_records_the_command()
    {
        using var world = new SimulatedWorld();
        await using var provisioner = world.Provisioner();
        var machine = await provisioner.EnsureAsync(s_box);
        long bytes = 0, lines = 0;
        var counter = PipeTarget.Create(async (stream, ct) =>
        {
            // Counted, never stored: the test host stays small too.
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
            ArrayPool<byte>.Shared.Return(buffer);
        });

        var result = await machine.RunAsync(["seq", "120000000"], counter, PipeTarget.Null);

        Assert.Equal((Lines, SeqBytes(Lines)), (lines, bytes));
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("120000000\n", result.StandardOutput, StringComparison.Ordinal); // the excerpt's tail
        var record = machine.RecentCommands[^1];
        Assert.Equal((["seq", "120000000"], 0, result.Duration), (record.Command, record.ExitCode, record.Duration));
    }
}
