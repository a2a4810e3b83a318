using System.Diagnostics;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Simulator.Tests.Infrastructure;

/// <summary>An orbctl process left running (a create we want to observe mid-way, or one that hangs until killed).</summary>
internal sealed class BackgroundInvocation : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public BackgroundInvocation(
        SimulatorSandbox sandbox, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environmentOverrides = null)
    {
        var start = new ProcessStartInfo(SimulatorSandbox.OrbctlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv) start.ArgumentList.Add(arg);
        foreach (var (key, value) in sandbox.Environment) start.Environment[key] = value;
        foreach (var (key, value) in environmentOverrides ?? new Dictionary<string, string>()) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.StandardInput.Close();
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process tree with SIGKILL, as a client timeout does.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<ProcessOutcome> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return new ProcessOutcome(_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
