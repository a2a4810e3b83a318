using System.Buffers;
using CliWrap;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>A guest command printing more than a gigabyte, on the simulator: captured, it ends truncated to the cap
/// (head, marker, tail, dropped count); streamed, every line reaches the caller's target. Both are recorded.</summary>
[Collection(WallClockCollection.Name)] // two gigabytes through pipes: kept off the other simulator tests' cores
public sealed class MachineOutputTests : IAsyncLifetime
{
    // `seq 120000000` prints 1,088,888,898 bytes in 120 million lines: more than 1 GB (and 1 GiB).
    private const long Lines = 120_000_000;
    private readonly SimulatedWorld _world = new(tuning: SimulatedTuning.Options);
    private MachineProvisioner? _provisioner;
    private Machine _machine = null!;

    public async Task InitializeAsync()
    {
        _provisioner = _world.Provisioner();
        _machine = await _provisioner.EnsureAsync(MachineSpec.Create("box", "ubuntu"));
    }

    public async Task DisposeAsync()
    {
        if (_provisioner is not null) await _provisioner.DisposeAsync();
        _world.Dispose();
    }

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
        var machine = _machine;

        var result = await machine.RunShellAsync("echo first; head -c 1G /dev/zero; echo last");

        const long printed = (1L << 30) + 11; // "first\n", a GiB of zero bytes, "last\n"
        const long dropped = printed - OrbCtlClientOptions.DefaultMaxOutputBytes;
        Assert.Equal((0, true, dropped, 0L), (result.ExitCode, result.IsTruncated, result.StandardOutputDroppedBytes, result.StandardErrorDroppedBytes));
        var marker = $"\n[OrbFixtures: {dropped:N0} bytes of stdout dropped here;";
        var gap = result.StandardOutput.IndexOf(marker, StringComparison.Ordinal);
        Assert.Equal("first\n" + new string('\0', OrbCtlClientOptions.DefaultMaxOutputBytes / 2 - 6), result.StandardOutput[..gap]);
        var tail = result.StandardOutput[(result.StandardOutput.IndexOf("]\n", gap, StringComparison.Ordinal) + 2)..];
        Assert.Equal(new string('\0', OrbCtlClientOptions.DefaultMaxOutputBytes / 2 - 5) + "last\n", tail);
        var record = machine.Log.OfType<CommandRan>()[^1];
        Assert.Equal(0, record.ExitCode);
        Assert.EndsWith("\0\0last\n", record.StandardOutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_call_cap_overrides_the_default()
    {
        var machine = _machine;

        var result = await machine.RunAsync(["seq", "100000"], new RunOptions { MaxOutputBytes = 1024 });

        Assert.Equal(SeqBytes(100_000) - 1024, result.StandardOutputDroppedBytes);
        Assert.StartsWith("1\n2\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("99999\n100000\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_streaming_form_delivers_every_line_of_a_gigabyte_and_records_the_command()
    {
        var machine = _machine;
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

        Assert.True(SeqBytes(Lines) > 1_000_000_000);
        Assert.Equal((Lines, SeqBytes(Lines)), (lines, bytes));
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("120000000\n", result.StandardOutput, StringComparison.Ordinal); // the excerpt's tail
        var record = machine.Log.OfType<CommandRan>()[^1];
        Assert.Equal(["seq", "120000000"], record.Command);
        Assert.Equal((0, result.Duration), (record.ExitCode, record.Duration));
    }

    [Fact]
    public async Task A_target_that_throws_propagates_as_itself_and_the_command_is_still_recorded()
    {
        var thrown = new IOException("disk full");
        var failing = PipeTarget.Create((_, _) => throw thrown);

        var error = await Assert.ThrowsAsync<IOException>(() => _machine.RunAsync(["seq", "3"], failing, PipeTarget.Null));

        var record = _machine.Log.OfType<CommandRan>()[^1];
        Assert.Equal(["seq", "3"], record.Command);
        Assert.Equal((null, "disk full"), (record.ExitCode, record.StandardErrorTail));
        Assert.Same(thrown, error);
    }
}
