using System.Diagnostics;
using System.Globalization;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>The few host tools the tier needs that .NET has no API for: signals that pause and resume a process,
/// and FIFOs.</summary>
internal static class HostCommands
{
    /// <summary>Pauses a process (SIGSTOP) where it is, so a race window stays open exactly as long as the test needs.</summary>
    public static Task PauseAsync(int pid) => RunAsync("kill", "-STOP", pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>Lets a paused process go on (SIGCONT).</summary>
    public static Task ResumeAsync(int pid) => RunAsync("kill", "-CONT", pid.ToString(CultureInfo.InvariantCulture));

    public static Task MakeFifoAsync(string path) => RunAsync("mkfifo", path);

    /// <summary>Releases a reader blocked on opening the FIFO at <paramref name="path"/> (opens it for writing, then
    /// removes it and closes, so the reader sees an empty file and no later reader blocks); gives up after 5 s when
    /// nobody is reading.</summary>
    public static Task DrainFifoAsync(string path) =>
        RunAsync("timeout", ["5", "sh", "-c", "exec 3> \"$1\" && rm -f \"$1\"", "sh", path], allowFailure: true);

    private static Task RunAsync(string program, params string[] arguments) => RunAsync(program, arguments, allowFailure: false);

    private static async Task RunAsync(string program, string[] arguments, bool allowFailure)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Trim()}");
    }
}
