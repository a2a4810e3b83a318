using System.Diagnostics;
using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary>The built-ins that generate output of any size (<c>head</c>, <c>seq</c>): coreutils' answers, and a
/// gigabyte streamed in chunks rather than built in memory.</summary>
public sealed class OutputGeneratorTests(BoxFixture box) : IClassFixture<BoxFixture>
{
    private SimulatedOrbStack Orb => box.Orb;

    public static TheoryData<string[], string, int> Generators => new()
    {
        { ["head", "-c", "5", "/dev/zero"], "\0\0\0\0\0", 0 },
        { ["head", "-c5", "/dev/zero"], "\0\0\0\0\0", 0 },
        { ["head", "--bytes=3", "/dev/zero"], "\0\0\0", 0 },
        { ["head", "-c", "0", "/dev/zero"], "", 0 },
        { ["head", "-n", "1", "/etc/hostname"], "box\n", 0 },
        { ["head", "-c", "2", "/etc/hostname"], "bo", 0 },
        { ["seq", "3"], "1\n2\n3\n", 0 },
        { ["seq", "2", "4"], "2\n3\n4\n", 0 },
        { ["seq", "10", "-5", "0"], "10\n5\n0\n", 0 },
        { ["seq", "5", "1"], "", 0 },
        { ["/usr/bin/seq", "-1", "0"], "-1\n0\n", 0 },
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Generators_answer_like_coreutils(string[] command, string stdout, int exitCode)
    {
        (await Orb.RunAsync(["run", "-m", "box", .. command])).ShouldBe(exitCode, stdout);
    }

    [Theory]
    [InlineData(new[] { "head", "-c", "x", "/dev/zero" }, "head: invalid number of bytes: 'x'\n", 1)]
    [InlineData(new[] { "head", "-n", "1", "/etc/missing" }, "head: cannot open '/etc/missing' for reading: No such file or directory\n", 1)]
    [InlineData(new[] { "head", "-n", "1", "/dev/zero" }, "orbsim: 'head -n' on /dev/zero is not simulated (it has no lines; use head -c N)\n", 2)]
    [InlineData(new[] { "seq" }, "seq: missing operand\nTry 'seq --help' for more information.\n", 1)]
    [InlineData(new[] { "seq", "1", "0", "3" }, "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n", 1)]
    [InlineData(new[] { "seq", "1.5" }, "orbsim: 'seq 1.5' is not simulated (whole numbers only)\n", 2)]
    public async Task Bad_arguments_fail_with_the_coreutils_text(string[] command, string stderr, int exitCode)
    {
        (await Orb.RunAsync(["run", "-m", "box", .. command])).ShouldBe(exitCode, stderr: stderr);
    }

    [Fact]
    public async Task A_gigabyte_of_output_streams_while_the_simulator_stays_small()
    {
        const long GiB = 1L << 30;
        var start = new ProcessStartInfo(OrbFixtures.TestSupport.SimulatorSandbox.OrbctlPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["run", "-m", "box", "head", "-c", "1G", "/dev/zero"]) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Orb.Sandbox.Environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.BaseStream;
        var buffer = new byte[1 << 16];

        // The first bytes arrive before the rest is produced; had the simulator built the output first, its peak
        // memory would already hold all of it. The pipe then fills, so the simulator waits for us here.
        var total = (long)await stdout.ReadAsync(buffer);
        var peakKiB = PeakResidentKiB(process.Id);
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0)
        {
            if (buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) >= 0) Assert.Fail("head -c N /dev/zero printed a byte that is not 0");
            total += read;
        }
        await process.WaitForExitAsync();

        Assert.Equal((0, GiB), (process.ExitCode, total));
        Assert.InRange(peakKiB, 1, 100 * 1024);
    }

    private static long PeakResidentKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
