

namespace OrbFixtures.TestSupport;

/// <summary>
/// A machine made directly with the simulator, not by OrbFixtures, present in a world throughout its scenario. It must
/// come out untouched: same ULID and state, and no orbctl invocation naming it (or a <c>run</c>/<c>push</c>/<c>pull</c>
/// without <c>-m</c>, which would land in it: as the first machine created it is the default machine).
/// </summary>
public sealed class ForeignMachine
{
    public const string Name = "foreign-keeper";

    private ForeignMachine(SimMachine original, string createInvocationId)
    {
        Original = original;
        CreateInvocationId = createInvocationId;
    }

    public SimMachine Original { get; }

    private string CreateInvocationId { get; }

    public static async Task<ForeignMachine> CreateAsync(SimulatorSandbox sandbox)
    {
        var created = await sandbox.RunAsync("create", "ubuntu:24.04", Name);
        if (created.ExitCode != 0) throw new InvalidOperationException($"Could not create the foreign machine: {created.StandardError}");
        var listed = await sandbox.RunAsync("list", "-f", "json");
        var machine = SimMachine.ParseList(listed.StandardOutput).Single(m => m.Name == Name);
        var createId = sandbox.ReadLog().Single(i => i.Command == "create").Id;
        return new ForeignMachine(machine, createId);
    }

    /// <summary>What happened to it, or <see langword="null"/> when it is untouched.</summary>
    public string? Problem(IReadOnlyList<SimMachine> machines, IReadOnlyList<LoggedInvocation> log)
    {
        var now = machines.SingleOrDefault(m => m.Name == Name);
        if (now is null) return $"it is gone (was {Original})";
        if (now != Original) return $"it changed from {Original} to {now}";
        var touching = log.Where(i => i.Id != CreateInvocationId && Touches(i)).ToList();
        return touching.Count == 0
            ? null
            : $"{touching.Count} orbctl invocation(s) targeted it: " + string.Join("; ", touching.Take(5).Select(i => string.Join(' ', i.Argv)));
    }

    private bool Touches(LoggedInvocation invocation) =>
        invocation.Argv.Contains(Name, StringComparer.Ordinal) || invocation.Argv.Contains(Original.Id, StringComparer.Ordinal)
        || (invocation.Command is "run" or "exec" or "shell" or "push" or "pull"
            && !invocation.Argv.Any(a => a is "-m" or "--machine" || a.StartsWith("--machine=", StringComparison.Ordinal)
                                         || a.StartsWith("-m=", StringComparison.Ordinal)));
}
