using System.Text.Json;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>Variables that point a nested run at a simulator sandbox, and what the sandbox holds afterwards.</summary>
internal static class Simulated
{
    /// <summary>What the scenario's failing create says (test data, not OrbFixtures' wording).</summary>
    public const string ImageNotFound = "image not found";

    /// <summary>The fixture projects' scenario: the <c>db</c> machine's first create hangs after making it (the watchdog
    /// adopts it); the <c>broken</c> machine's create always fails with a permanent error.</summary>
    public const string HangThenBroken = $$"""
        {
          "faults": [
            { "op": "create", "machine": "*-db", "times": 1, "action": "hang-after-create" },
            { "op": "create", "machine": "*-broken", "action": "fail", "exitCode": 1,
              "stderr": "[-32098] create '{name}': make rootfs: {{ImageNotFound}}: {debian foo arm64 default}" }
          ]
        }
        """;

    public static Dictionary<string, string> Variables(SimulatorSandbox sandbox, params (string Key, string Value)[] more)
    {
        var variables = new Dictionary<string, string>(sandbox.Environment)
        {
            ["ORBFIXTURES_ORBCTL"] = SimulatorSandbox.OrbctlPath,
            ["ORBFIXTURES_POLL_INTERVAL"] = "0.1",
        };
        foreach (var (key, value) in more) variables[key] = value;
        return variables;
    }

    /// <summary>The names of the machines the sandbox's simulator knows.</summary>
    public static async Task<IReadOnlyList<string>> MachineNamesAsync(SimulatorSandbox sandbox)
    {
        var list = await sandbox.RunAsync("list", "-f", "json");
        if (list.ExitCode != 0) throw new InvalidOperationException($"orbctl list failed: {list.StandardError}");
        using var json = JsonDocument.Parse(list.StandardOutput);
        return json.RootElement.EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>Removes every machine the sandbox holds (machines a nested run was told to keep).</summary>
    public static async Task DeleteAllAsync(SimulatorSandbox sandbox)
    {
        foreach (var name in await MachineNamesAsync(sandbox)) await sandbox.RunAsync("delete", "-f", name);
    }
}
