using System.Diagnostics;
using System.Text;

namespace OrbFixtures.Benchmarks;

/// <summary>Runs a process with an explicit, complete environment (this process's own is never changed) and times it.</summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        psi.Environment.Clear();
        foreach (var (key, value) in environment) psi.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"'{program} {string.Join(' ', psi.ArgumentList)}' did not finish within {timeout}:\n{output}");
        }
        var elapsed = stopwatch.Elapsed;
        lock (output) return (process.ExitCode, output.ToString(), elapsed);
    }

    /// <summary>The <c>dotnet</c> that runs this program (so child builds use the same SDK).</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
