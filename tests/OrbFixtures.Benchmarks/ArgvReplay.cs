using System.Diagnostics;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// The baseline of the overhead benchmark: runs a recorded sequence of <c>orbctl</c> argv lists one after another
/// with plain <see cref="Process.Start(ProcessStartInfo)"/> — output read, stdin closed, as OrbFixtures does — and
/// nothing else.
/// </summary>
internal static class ArgvReplay
{
    /// <summary>Runs every argv in order against <paramref name="sandbox"/>; returns their exit codes.</summary>
    public static async Task<IReadOnlyList<int>> RunAsync(SimulatorSandbox sandbox, IReadOnlyList<string[]> sequence)
    {
        var environment = sandbox.Environment;
        var exitCodes = new List<int>(sequence.Count);
        foreach (var argv in sequence)
        {
            var psi = new ProcessStartInfo(SimulatorSandbox.OrbctlPath)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in argv) psi.ArgumentList.Add(argument);
            foreach (var (name, value) in environment) psi.Environment[name] = value;
            using var process = Process.Start(psi)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await Task.WhenAll(stdout, stderr);
            exitCodes.Add(process.ExitCode);
        }
        return exitCodes;
    }
}
