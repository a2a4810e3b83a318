using OrbFixtures;
using OrbFixtures.OrbCtl;

// Usage: OrbFixtures.ProvisioningChild STATE_DIR ORBCTL LOGICAL_NAME [--no-watchdog] [--create-timeout-ms N] [--env KEY=VALUE]...
// Prints "session ID" first, then "ready NAME" or "failed MESSAGE"; then holds the machine until stdin closes,
// releases it and exits 0 (1 when provisioning failed).
if (args.Length < 3)
{
    await Console.Error.WriteLineAsync("usage: STATE_DIR ORBCTL LOGICAL_NAME [--no-watchdog] [--create-timeout-ms N] [--env KEY=VALUE]...");
    return 2;
}

var environment = new Dictionary<string, string>();
var options = new OrbFixturesOptions
{
    StateDirectory = args[0],
    OrbctlPath = args[1],
    PollInterval = TimeSpan.FromMilliseconds(100),
};
for (var i = 3; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--no-watchdog":
            options = options with { Watchdog = false };
            break;
        case "--create-timeout-ms":
            options = options with { Timeouts = options.Timeouts.With(Operation.Create, TimeSpan.FromMilliseconds(int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture))) };
            break;
        case "--env":
            var pair = args[++i].Split('=', 2);
            environment[pair[0]] = pair[1];
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument '{args[i]}'");
            return 2;
    }
}
options = options with { OrbctlEnvironment = environment };

await using var provisioner = new MachineProvisioner(options);
provisioner.EventRecorded += (_, e) =>
{
    if (e.IsProgress) Console.Error.WriteLine(e);
};
Console.WriteLine($"session {provisioner.SessionId}");
try
{
    var machine = await provisioner.EnsureAsync(MachineSpec.Create(args[2], "ubuntu"));
    Console.WriteLine($"ready {machine.Name}");
}
catch (MachineProvisioningException e)
{
    Console.WriteLine($"failed {e.Message.Split('\n')[0]}");
    return 1;
}
await Console.In.ReadToEndAsync();
return 0;
