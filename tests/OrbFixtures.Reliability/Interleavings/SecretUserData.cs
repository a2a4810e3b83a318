using System.Security.Cryptography;
using System.Text;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// A session with secret cloud-init user data is SIGKILLed while its create hangs (issue 12, class 7). After the next
/// run (and a run after the create timeout) nothing under the killed session's TMPDIR or the state directory contains
/// the secret, and no ledger or report file contains the plain SHA-256 of the user data (which would confirm a guess).
/// </summary>
internal static class SecretUserData
{
    private const string Secret = "secret-XYZ-5f1c0e-interleavings-9";
    private const string UserData = "#cloud-config\n# " + Secret + "\npassword: " + Secret + "\n";

    public static Interleaving CrashDuringCreate { get; } = new("a crash during a create with secret user data", PlayAsync);

    private static async Task PlayAsync(ScenarioRun run)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = [FaultRule.Hang("create", "*secret*")] });
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("secret");
        var temp = Path.Combine(world.Sandbox.Root, "tmp");
        Directory.CreateDirectory(temp);
        var spec = new ChildMachine("secret", "ubuntu:24.04", UserData: UserData);

        await using (var killed = ChildSession.Start("killed", world.ChildConfig(state, [spec], hold: false),
                         environment: new Dictionary<string, string> { ["TMPDIR"] = temp }))
        {
            var name = (await killed.WaitForLineAsync("name secret ", Timing.Patience)).Split(' ')[2];
            var create = await ScenarioRun.WaitForAsync(world, i => i.Command == "create" && i.Argv.Contains(name) && i.Fault == "hang",
                $"create of {name} (hung)");
            run.Expect(create.Argv.Contains("-c"), $"the create ran without the user data file: {string.Join(' ', create.Argv)}");
            await killed.KillAsync();
            run.Log(killed);
        }
        SandboxProcesses.KillAll(world.Sandbox.Home); // the orphaned create
        run.Log($"left after the crash: {Describe(temp, state)}");

        // The next run (its reaper runs before its first create) writes a report beside the ledger; then a run after the
        // create timeout, when even a dead session's pending create is over.
        var next = world.Options(state) with { ReportPath = Path.Combine(state, "report.json") };
        await using (var nextRun = new MachineProvisioner(next))
        {
            nextRun.EventRecorded += (_, e) => { if (e.IsProgress) run.Log($"next run: {e}"); };
            await nextRun.EnsureAsync(spec.ToSpec());
        }
        await using (var later = new MachineProvisioner(world.Options(state) with { TimeProvider = new ShiftedClock(Timing.Create + Timing.Query) }))
        {
            later.EventRecorded += (_, e) => { if (e.IsProgress) run.Log($"a run after the create timeout: {e}"); };
            run.Log($"a run after the create timeout reaped {await later.ReapAsync()} machine(s)");
        }
        run.Log($"left after the next runs: {Describe(temp, state)}");

        foreach (var folder in new[] { temp, state })
        {
            foreach (var file in LedgerFiles.Containing(folder, Encoding.UTF8.GetBytes(Secret)))
                run.Problem($"{file} still holds the secret user data");
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(UserData));
        foreach (var hex in new[] { Convert.ToHexStringLower(hash), Convert.ToHexString(hash) })
        {
            foreach (var file in LedgerFiles.Containing(state, Encoding.ASCII.GetBytes(hex)))
                run.Problem($"{file} holds the plain SHA-256 of the secret user data ({hex[..12]}...), which confirms a guess offline");
        }
        await run.SettleAsync(world, bystanders);
    }

    private static string Describe(params string[] folders) => string.Join("; ", folders.Select(folder =>
        $"{folder}: [{string.Join(", ", Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)) : [])}]"));
}
