using System.Diagnostics;
using System.Reflection;

namespace OrbFixtures.TestSupport;

/// <summary>
/// A test session in a process of its own (the tests/OrbFixtures.TestChild program), driven through its stdout lines
/// and stdin, and killable with SIGKILL at a chosen point. Disposing kills it if it still runs.
/// </summary>
public sealed class ChildSession : IAsyncDisposable
{
    private static readonly Lazy<string> s_program = new(() =>
    {
        var path = typeof(ChildSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestChildPath").Value!;
        return OperatingSystem.IsWindows() ? path + ".exe" : path;
    });

    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _errors = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private bool _outputEnded;

    private ChildSession(string label, Process process)
    {
        Label = label;
        _process = process;
    }

    public string Label { get; }

    public int Pid => _process.Id;

    /// <summary>Starts the child program with the configuration at <paramref name="configPath"/>.</summary>
    /// <param name="label">Names the session in failure messages.</param>
    /// <param name="configPath">Its <see cref="TestChild.ChildConfig"/> (<see cref="SimulatedWorld.ChildConfig"/>).</param>
    /// <param name="launcher">A command that runs the program (e.g. <c>unshare --pid --fork</c>); empty to run it directly.</param>
    /// <param name="environment">Variables to set on the child process itself (e.g. TMPDIR).</param>
    public static ChildSession Start(string label, string configPath, IReadOnlyList<string>? launcher = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = (launcher ?? []).Concat([s_program.Value, configPath]).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var session = new ChildSession(label, process);
        process.OutputDataReceived += (_, e) => session.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (session._gate) session._errors.Add(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return session;
    }

    /// <summary>Starts a child whose configuration holds its machines, and waits until it holds them.</summary>
    public static async Task<ChildSession> StartHoldingAsync(string label, string configPath, TimeSpan timeout,
        IReadOnlyList<string>? launcher = null)
    {
        var session = Start(label, configPath, launcher);
        try
        {
            await session.WaitForLineAsync("holding", timeout);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything the child printed on stdout so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    /// <summary>The first line (printed already or later) that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            if (_outputEnded) throw Ended(what);
            _waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Child session '{Label}' did not print {what} within {timeout}.\n{Transcript()}");
        }
    }

    public Task<string> WaitForLineAsync(string prefix, TimeSpan timeout) =>
        WaitForLineAsync(l => l.StartsWith(prefix, StringComparison.Ordinal), $"'{prefix}...'", timeout);

    /// <summary>The <c>ready</c> lines: logical name → (real name, ULID).</summary>
    public IReadOnlyDictionary<string, (string Name, string Id)> ReadyMachines() => Lines
        .Where(l => l.StartsWith("ready ", StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .ToDictionary(p => p[1], p => (p[2], p[3]));

    /// <summary>The distro of each ready machine, as <c>info</c> reported it to the child: logical name → distro.</summary>
    public IReadOnlyDictionary<string, string> ReadyDistros() => Lines
        .Where(l => l.StartsWith("ready ", StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .ToDictionary(p => p[1], p => p[4]);

    /// <summary>Tells a holding child to run <c>true</c> in its machines (the <paramref name="round"/>-th time) and
    /// returns the exit code in its first machine.</summary>
    public async Task<int> RunInMachineAsync(int round, TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync("run");
        await _process.StandardInput.FlushAsync();
        var ran = await WaitForLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ran {round} "), timeout);
        return int.Parse(ran.Split(' ')[4], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The real names the child announced (before provisioning): logical name → real name.</summary>
    public IReadOnlyDictionary<string, string> Names() => Lines
        .Where(l => l.StartsWith("name ", StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .ToDictionary(p => p[1], p => p[2]);

    /// <summary>Tells a holding child to release its machines and exit.</summary>
    public async Task ReleaseAsync()
    {
        await _process.StandardInput.WriteLineAsync("release");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL: the process dies at once, without running any cleanup.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Child session '{Label}' did not exit within {timeout}.\n{Transcript()}");
        }
        return _process.ExitCode;
    }

    public string Transcript()
    {
        lock (_gate)
            return $"--- child '{Label}' (pid {_process.Id}) stdout:\n{string.Join('\n', _lines)}\n--- stderr:\n{string.Join('\n', _errors)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        List<TaskCompletionSource<string>> done = [];
        lock (_gate)
        {
            if (line is null)
            {
                _outputEnded = true;
                foreach (var (_, found) in _waiters) found.TrySetException(Ended("the line it was waited for"));
                _waiters.Clear();
                return;
            }
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Found);
            }
        }
        foreach (var found in done) found.TrySetResult(line);
    }

    private InvalidOperationException Ended(string what) =>
        new($"Child session '{Label}' ended its output before printing {what}.\n{Transcript()}");
}
