using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OrbFixtures.Cli;
using OrbFixtures.Ownership;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary>
/// The <c>orbfixtures</c> tool run in process against a <see cref="SimulatedWorld"/>: the environment points it at the
/// simulator and the world's state folder, and its output is captured. Records are written straight into the ledger,
/// with owners that are alive (this process), dead (this pid with another start time: a recycled pid) or on another
/// host, next to machines made directly with the simulator.
/// </summary>
internal sealed class CliBed : IAsyncDisposable
{
    // Records are stamped relative to the real clock, which the reaper in the tool reads; ages are read from a fake
    // clock standing at this instant, so they are exact.
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static readonly DateTimeOffset s_myStart = new(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    public CliBed(string? scenarioJson = null, OrbFixturesOptions? tuning = null)
    {
        World = new SimulatedWorld(scenarioJson, tuning);
        new StateDirectory(World.StateDirectory).EnsureSecure();
        Ledger = new OwnershipLedger(World.StateDirectory);
    }

    public SimulatedWorld World { get; }

    public OwnershipLedger Ledger { get; }

    public string WorldKey => OrbctlWorld.Key(SimulatorSandbox.OrbctlPath, World.Sandbox.Environment);

    public static SessionOwner Alive(string session) => new(session, System.Environment.ProcessId, s_myStart, ProcessPlace.OfThisProcess());

    public static SessionOwner Dead(string session) =>
        new(session, System.Environment.ProcessId, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), ProcessPlace.OfThisProcess());

    public static SessionOwner OtherHost(string session) =>
        new(session, 4242, s_myStart, new ProcessPlace("machine-id:somewhere-else", "other-mac", ""));

    /// <summary>Makes a machine with the simulator (not through OrbFixtures) and returns its ULID.</summary>
    public async Task<string> MakeMachineAsync(string name)
    {
        var created = await World.Sandbox.RunAsync("create", "ubuntu:24.04", name);
        Assert.True(created.ExitCode == 0, created.StandardError);
        return (await World.FindAsync(name))!.Id;
    }

    /// <summary>Records <paramref name="name"/> as owned by <paramref name="owner"/>, with the ULID <paramref name="id"/>.</summary>
    public LedgerRecord Record(string name, SessionOwner owner, string? id, LedgerState state = LedgerState.Ready,
        MachineKind kind = MachineKind.Session, IReadOnlyList<SessionOwner>? leases = null, string? world = null) =>
        Ledger.Write(new LedgerRecord
        {
            Name = name,
            LogicalName = name.Split('-').Last(),
            Kind = kind,
            World = world ?? WorldKey,
            Id = id,
            SpecHash = "0123456789abcdef",
            Expected = new ExpectedMachine("ubuntu", [], null, null),
            CreateStartedAt = Now.AddMinutes(-30),
            State = state,
            Owner = owner,
            Leases = leases ?? [],
            UpdatedAt = Now.AddMinutes(-29),
        });

    /// <summary>Runs <c>orbfixtures ARGS</c>.</summary>
    public async Task<CliOutcome> RunAsync(params string[] args) => await RunAsync(args, stdin: null, canPrompt: false);

    public async Task<CliOutcome> RunAsync(string[] args, string? stdin, bool canPrompt, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, new StringReader(stdin ?? ""), canPrompt, environment ?? Environment(),
            World.Sandbox.Environment, new FakeTimeProvider(Now));
        var exitCode = await CliApp.RunAsync(args, host);
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The environment of a run against this world.</summary>
    public Dictionary<string, string?> Environment() => new(StringComparer.Ordinal)
    {
        [OrbFixturesConfiguration.OrbctlKey] = SimulatorSandbox.OrbctlPath,
        [OrbFixturesConfiguration.StateDirectoryKey] = World.StateDirectory,
        ["PATH"] = "",
    };

    public ValueTask DisposeAsync() => World.DisposeAsync();
}

/// <summary>What a run of the tool printed and returned.</summary>
internal sealed record CliOutcome(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output as JSON (the run used <c>--json</c>).</summary>
    public JsonObject Json => JsonNode.Parse(Output)?.AsObject() ?? throw new InvalidOperationException($"not JSON: {Output}");
}
