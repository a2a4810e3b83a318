using System.Text.Json.Nodes;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// A ledger folder holding files the ledger must not trust (issue 12, class 6): a valid-JSON but malformed record
/// (<c>{}</c>), a FIFO named like a record, a planted record claiming a hand-made machine (<c>mydev</c>: the shape of a
/// real record, no ULID, state creating, a dead owner), and a record truncated to 0 bytes whose machine exists (the
/// owner was SIGKILLed). A new session that meets the plant and the damaged record, and then one that also meets the
/// malformed record and the FIFO, must each provision normally and in bounded time and name every bad file in its
/// progress lines; neither may delete <c>mydev</c> or the damaged record's machine, or drop the damaged file silently.
/// </summary>
internal static class UntrustedLedger
{
    private const string Image = "ubuntu:24.04";
    private const string Planted = "mydev";

    public static Interleaving BadFiles { get; } = new("malformed, planted, damaged and non-regular ledger files", PlayAsync);

    private static async Task PlayAsync(ScenarioRun run)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("untrusted");
        var folder = LedgerFiles.Folder(state);
        // Made by hand before any session, from another distro: nothing can prove it is a product of a session's create.
        await bystanders.MakeAsync("debian:bookworm", Planted);

        // A session SIGKILLed while it holds its machine; its record is then truncated to 0 bytes (a rename not synced).
        IReadOnlyList<string> torn;
        await using (var tornSession = await ChildSession.StartHoldingAsync("torn", world.ChildConfig(state, [new ChildMachine("torn", Image)], hold: true), Timing.Patience))
        {
            var (name, _) = tornSession.ReadyMachines()["torn"];
            await tornSession.KillAsync();
            torn = LedgerFiles.Naming(state, name);
            if (torn.Count == 0) throw new InvalidOperationException($"The killed session left no ledger file naming {name}.");
            foreach (var file in torn) await File.WriteAllBytesAsync(file, []);
            await bystanders.RememberAsync(name);
            run.Log(tornSession);
        }
        // A record as a session really writes it, and the plant made from it (after the torn session, whose own sweep
        // must not be the one that meets the plant: the new session below is).
        await using (var modelSession = await ChildSession.StartHoldingAsync("model", world.ChildConfig(state, [new ChildMachine("model", Image)], hold: true), Timing.Patience))
        {
            var (name, id) = modelSession.ReadyMachines()["model"];
            var model = LedgerFiles.RecordOf(state, name);
            var plant = Plant(JsonNode.Parse(await File.ReadAllTextAsync(model))!, name, id);
            await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(model)!, Path.GetFileName(model).Replace(name, Planted, StringComparison.Ordinal)),
                plant.ToJsonString());
            await modelSession.ReleaseAsync(); // the owner is then a dead process
            run.Expect(await modelSession.WaitForExitAsync(Timing.Patience) == 0, "the model session failed");
            run.Log(modelSession);
        }

        // A new session meets the plant and the damaged record first (so its sweep reaches the plant on any engine)...
        await NewSessionAsync(run, world, state, "first new session", torn, fifo: null);

        // ... and the next one meets the malformed record and the FIFO as well.
        var empty = Path.Combine(folder, "of-zzzz-empty.json");
        await File.WriteAllTextAsync(empty, "{}");
        var fifo = Path.Combine(folder, "of-zzzz-pipe.json");
        await HostCommands.MakeFifoAsync(fifo);
        run.Log($"ledger folder now: {string.Join(", ", Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName))}");
        var progress = await NewSessionAsync(run, world, state, "second new session", [empty, fifo, .. torn], fifo);
        foreach (var damaged in torn)
        {
            run.Expect(File.Exists(damaged) || progress.Any(l => l.Contains(Path.GetFileName(damaged), StringComparison.Ordinal)),
                $"the damaged record {Path.GetFileName(damaged)} was deleted without a word");
        }
        if (File.Exists(fifo)) File.Delete(fifo);
        await run.SettleAsync(world, bystanders);
    }

    /// <summary>A new session must provision normally within a bound (a FIFO must not hang it) and name every bad file
    /// in its progress lines; returns those lines.</summary>
    private static async Task<IReadOnlyList<string>> NewSessionAsync(ScenarioRun run, SimulatedWorld world, string state, string label,
        IReadOnlyList<string> badFiles, string? fifo)
    {
        await using var session = ChildSession.Start(label, world.ChildConfig(state, [new ChildMachine("fresh", Image)], hold: false));
        var bound = Timing.Create + Timing.Query;
        int exit;
        try
        {
            exit = await session.WaitForExitAsync(bound);
        }
        catch (TimeoutException) when (fifo is not null)
        {
            run.Problem($"{label}: hung: it had not finished after {bound.TotalSeconds:0} s (blocked on the FIFO {Path.GetFileName(fifo)}?)");
            await HostCommands.DrainFifoAsync(fifo);
            exit = await session.WaitForExitAsync(Timing.Patience);
        }
        run.Log(session);
        run.Expect(exit == 0 && session.ReadyMachines().ContainsKey("fresh"),
            $"{label}: did not provision normally: it exited {exit} with " +
            (session.Lines.FirstOrDefault(l => l.StartsWith("failed ", StringComparison.Ordinal)) ?? "no failure line"));
        var progress = session.Lines.Where(l => l.StartsWith("progress ", StringComparison.Ordinal)).ToList();
        foreach (var bad in badFiles)
        {
            run.Expect(progress.Any(l => l.Contains(Path.GetFileName(bad), StringComparison.Ordinal)),
                $"{label}: no progress line names the bad ledger file {Path.GetFileName(bad)}");
        }
        return progress;
    }

    /// <summary>The model record turned into a claim on <see cref="Planted"/>: its name everywhere, no ULID, state
    /// creating (everything else, the dead owner included, as the engine wrote it; the format is not parsed).</summary>
    private static JsonNode Plant(JsonNode record, string name, string id)
    {
        switch (record)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && text == id) obj[key] = null;
                    else if (value is not null) obj[key] = Plant(value.DeepClone(), name, id);
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } item) array[i] = Plant(item.DeepClone(), name, id);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text == name ? JsonValue.Create(Planted)
                    : text.Equals("ready", StringComparison.OrdinalIgnoreCase) ? JsonValue.Create(text[0] == 'R' ? "Creating" : "creating")
                    : value.DeepClone();
            default:
                return record.DeepClone();
        }
    }
}
