using System.Text.Json;
using OrbFixtures;
using OrbFixtures.Reliability.Child;

// One test session in its own process (see ChildConfig). It reports on stdout, one line per event, so the parent test
// can act at a precise point (e.g. SIGKILL it once its machines are ready):
//   session SESSION-ID PID | name LOGICAL REAL-NAME | progress TEXT | ready LOGICAL REAL-NAME ULID
//   holding | releasing | released | failed FIRST-LINE-OF-ERROR
// With Hold it waits for one line on stdin (or its end) before releasing its machines.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: OrbFixtures.Reliability.Child CONFIG.json");
    return 2;
}

var config = JsonSerializer.Deserialize<ChildConfig>(File.ReadAllText(args[0]), ChildConfig.Json)
             ?? throw new InvalidOperationException($"'{args[0]}' holds no configuration.");
await using var provisioner = new MachineProvisioner(config.ToOptions());
provisioner.Progress += (_, line) => Say($"progress {line}");
Say($"session {provisioner.SessionId} {Environment.ProcessId}");
foreach (var machine in config.Machines) Say($"name {machine.Logical} {provisioner.MachineNameFor(machine.Logical)}");
try
{
    var machines = await Task.WhenAll(config.Machines.Select(m => provisioner.EnsureAsync(m.ToSpec())));
    foreach (var machine in machines) Say($"ready {machine.LogicalName} {machine.Name} {machine.Id}");
    if (config.Hold)
    {
        Say("holding");
        await Console.In.ReadLineAsync();
    }
    Say("releasing");
    await provisioner.ReleaseAllAsync();
    Say("released");
    return 0;
}
catch (Exception e) when (e is MachineProvisioningException or AggregateException or OrbFixtures.OrbCtl.OrbCtlException)
{
    Say("failed " + e.Message.Split('\n')[0]);
    Console.Error.WriteLine(e);
    return 1;
}

static void Say(string line)
{
    lock (Console.Out) Console.Out.WriteLine(line);
}
