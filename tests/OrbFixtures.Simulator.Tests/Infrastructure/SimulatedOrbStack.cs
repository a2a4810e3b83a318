using System.Text.Json;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Simulator.Tests.Infrastructure;

/// <summary>
/// A private simulated OrbStack for one test: a <see cref="SimulatorSandbox"/> plus helpers to run orbctl, create
/// machines and watch their state. Background processes are killed on dispose, so nothing outlives the test.
/// </summary>
internal sealed class SimulatedOrbStack : IDisposable
{
    /// <summary>Every simulated duration zero: machines are running as soon as create returns.</summary>
    public const string Instant =
        """{"durations":{"create":0,"provisioning":0,"start":0,"stop":0,"restart":0,"delete":0,"clone":0,"daemonStart":0}}""";

    private readonly List<BackgroundInvocation> _background = [];

    /// <param name="scenarioJson">The scenario; null runs the simulator with its defaults (no scenario file).</param>
    public SimulatedOrbStack(string? scenarioJson = Instant) => Sandbox = new SimulatorSandbox(scenarioJson);

    public SimulatorSandbox Sandbox { get; }

    public Task<ProcessOutcome> RunAsync(params string[] argv) => Sandbox.RunAsync(argv, stdin: null);

    public Task<ProcessOutcome> RunWithStdinAsync(string stdin, params string[] argv) => Sandbox.RunAsync(argv, stdin);

    /// <summary>Runs orbctl with some of the sandbox's environment variables replaced.</summary>
    public async Task<ProcessOutcome> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> overrides, params string[] argv)
    {
        using var invocation = new BackgroundInvocation(Sandbox, argv, overrides);
        return await invocation.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Creates a machine and fails the test if that does not succeed.</summary>
    public async Task CreateAsync(string name, string distro = "ubuntu", params string[] flags)
    {
        var outcome = await RunAsync(["create", .. flags, distro, name]);
        Assert.True(outcome.ExitCode == 0, $"create {name} failed: {outcome.ExitCode} {outcome.StandardError}");
    }

    /// <summary>Writes a minimal cloud-init user-data file for <c>create -c</c> and returns its path.</summary>
    public async Task<string> UserDataFileAsync()
    {
        var path = Path.Combine(Sandbox.Root, "user-data.yaml");
        await File.WriteAllTextAsync(path, "#cloud-config\n");
        return path;
    }

    public BackgroundInvocation Launch(params string[] argv)
    {
        var invocation = new BackgroundInvocation(Sandbox, argv);
        _background.Add(invocation);
        return invocation;
    }

    /// <summary>The machine's <c>record</c> from <c>info -f json</c>, or null when orbctl reports it missing.</summary>
    public async Task<JsonElement?> RecordAsync(string name)
    {
        var outcome = await RunAsync("info", name, "-f", "json");
        if (outcome.ExitCode != 0) return null;
        using var document = JsonDocument.Parse(outcome.StandardOutput);
        return document.RootElement.GetProperty("record").Clone();
    }

    public async Task<string?> StateAsync(string name) => (await RecordAsync(name))?.GetProperty("state").GetString();

    /// <summary>Polls <c>info</c> until the machine reports <paramref name="state"/> (null = gone).</summary>
    public async Task WaitForStateAsync(string name, string? state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        string? last;
        while ((last = await StateAsync(name)) != state)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"'{name}' stayed '{last ?? "(missing)"}', expected '{state ?? "(missing)"}'");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls <c>info</c> until the machine exists in any state.</summary>
    public async Task WaitUntilExistsAsync(string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await StateAsync(name) is null)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"'{name}' never appeared");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        foreach (var invocation in _background) invocation.Dispose();
        Sandbox.Dispose();
    }
}
