using System.Text.Json;
using OrbFixtures;
using OrbFixtures.Diagnostics;
using OrbFixtures.TestChild;

// One test session in its own process (see ChildConfig). It reports on stdout, one line per event, so the parent test
// can act at a precise point (e.g. SIGKILL it once its machines are ready):
//   session SESSION-ID PID | template TEMPLATE-NAME | name LOGICAL REAL-NAME | progress TEXT | ready LOGICAL REAL-NAME ULID DISTRO
//   waiting-for-template TEMPLATE-NAME (another process holds the template's build lock)
//   holding | ran N LOGICAL REAL-NAME EXIT-CODE | releasing | released | reaped COUNT
//   failed EXCEPTION-TYPE FIRST-LINE-OF-ERROR
// With Hold it reads stdin after the machines are ready: each "run" line runs `true` in every machine (the N-th
// such line prints "ran N ..." per machine); any other line, or the end of stdin, releases the machines.
// With ReapOnly it sweeps the ledger once, prints "reaped COUNT" and exits.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: OrbFixtures.TestChild CONFIG.json");
    return 2;
}

var config = JsonSerializer.Deserialize<ChildConfig>(File.ReadAllText(args[0]), ChildConfig.Json)
             ?? throw new InvalidOperationException($"'{args[0]}' holds no configuration.");
await using var provisioner = new MachineProvisioner(config.ToOptions());
// Completed when a machine's create holds a slot: its CreateStarted event follows the gate.
var creating = config.Machines.ToDictionary(m => m.Logical, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
provisioner.EventRecorded += (_, e) =>
{
    if (e.IsProgress) Say($"progress {e}");
    if (e.Event is WaitingForTemplate waiting) Say($"waiting-for-template {waiting.Template}");
    if (e.Event is CreateStarted && e.Log.LogicalName is { } logical && creating.TryGetValue(logical, out var started)) started.TrySetResult();
};
Say($"session {provisioner.SessionId} {Environment.ProcessId}");
try
{
    if (config.ReapOnly)
    {
        Say($"reaped {await provisioner.ReapAsync()}");
        return 0;
    }
    if (config.Template is { } template) Say($"template {provisioner.MachineNameFor(template.ToTemplate())}");
    foreach (var machine in config.Machines) Say($"name {machine.Logical} {provisioner.MachineNameFor(config.SpecFor(machine))}");
    var machines = await Task.WhenAll(config.Machines.Select(async m =>
    {
        if (m.AfterCreateOf is { } first) await creating[first].Task;
        return await provisioner.EnsureAsync(config.SpecFor(m));
    }));
    foreach (var machine in machines) Say($"ready {machine.LogicalName} {machine.Name} {machine.Id} {machine.Info.Image.Distro}");
    if (config.Hold)
    {
        Say("holding");
        for (var round = 1; await Console.In.ReadLineAsync() == "run"; round++)
        {
            foreach (var machine in machines)
                Say($"ran {round} {machine.LogicalName} {machine.Name} {(await machine.RunAsync("true")).ExitCode}");
        }
    }
    Say("releasing");
    await provisioner.ReleaseAllAsync();
    Say("released");
    return 0;
}
catch (Exception e) when (e is MachineProvisioningException or AggregateException or OrbFixtures.OrbCtlException
                              or MachineCommandException)
{
    Say($"failed {e.GetType().Name} {e.Message.Split('\n')[0]}");
    Console.Error.WriteLine(e);
    return 1;
}

static void Say(string line)
{
    lock (Console.Out) Console.Out.WriteLine(line);
}
