using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using OrbFixtures.TestSupport;

namespace OrbFixtures.XunitV3.Tests.Nested;

/// <summary>
/// A nested v3 test project started the way a user starts one under Microsoft Testing Platform (its built program,
/// <c>dotnet PROJECT.dll</c>), so that the test can interrupt it as Ctrl-C does: SIGINT to the test process alone (a
/// terminal sends it to the whole foreground group, orbctl included, which would prove nothing about OrbFixtures).
/// </summary>
internal sealed class MtpRun : IDisposable
{
    private const int SigInt = 2;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MtpRun(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>What the run printed so far (stdout and stderr interleaved), for assertion messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static MtpRun Start(string dll, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        // A shell starts background jobs with SIGINT ignored, and a child inherits that (the outer test host may be such a
        // job): `env --default-signal=INT` gives the test process the disposition a terminal's foreground job has.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "--default-signal=INT", ChildProcess.Dotnet, dll }) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var run = new MtpRun(Process.Start(start)!); // env execs dotnet, which runs the tests in this same process
        run._process.OutputDataReceived += (_, e) => run.Append(e.Data);
        run._process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        if (NativeMethods.kill(_process.Id, SigInt) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The nested run did not exit within {timeout} of being interrupted. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static class NativeMethods
    {
        [DllImport("libc", ExactSpelling = true, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int kill(int pid, int sig);
    }
}
