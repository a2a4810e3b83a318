using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl.Fakes;

/// <summary>One representative client call per <see cref="Operation"/>, with the output orbctl prints when it
/// succeeds, so a test can run "every operation" without a switch of its own.</summary>
internal static class OperationCalls
{
    public const string Machine = "of-test-db";

    public const string InfoJson = """
        {
          "record": {
            "id": "01KHVDCW7HTAGRPMB823KADP9B",
            "name": "of-test-db",
            "image": { "distro": "ubuntu", "version": "noble", "arch": "arm64", "variant": "default" },
            "config": { "isolated": false, "default_username": "alice" },
            "builtin": false,
            "state": "running"
          },
          "disk_size": 847974400,
          "ip4": "192.168.139.170",
          "ip6": "fd07:b51a:cc66:0:e0c6:7eff:fe8a:eaa4"
        }
        """;

    public static Task Call(IOrbCtlClient client, Operation operation, MachineLog? log = null, CancellationToken ct = default) =>
        operation switch
        {
            Operation.Status => client.GetStatusAsync(log, ct),
            Operation.Version => client.GetVersionAsync(log, ct),
            Operation.List => client.ListAsync(false, log, ct),
            Operation.Info => client.GetInfoAsync(Machine, log, ct),
            Operation.Create => client.CreateAsync(new CreateMachineRequest(Machine, "ubuntu"), log, ct),
            Operation.Clone => client.CloneAsync("of-test-src", Machine, log, ct),
            Operation.Start => client.StartAsync(Machine, log, ct),
            Operation.Stop => client.StopAsync(Machine, log, ct),
            Operation.Restart => client.RestartAsync(Machine, log, ct),
            Operation.Delete => client.DeleteAsync(Machine, log, ct),
            Operation.Run => client.RunAsync(new RunCommandRequest(Machine, ["true"]), log, ct),
            Operation.Push => client.PushAsync(Machine, "/tmp/app.tar", null, null, log, ct),
            Operation.Pull => client.PullAsync(Machine, "app.log", null, null, log, ct),
            Operation.Logs => client.GetLogsAsync(Machine, false, log, ct),
            Operation.Config => client.SetMachineConfigAsync(Machine, new MachineSetting(MachineConfigKey.Cpu, "2"), log, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };

    /// <summary>What orbctl prints on stdout when the call above succeeds.</summary>
    public static string SuccessOutput(Operation operation) => operation switch
    {
        Operation.Status => "Running\n",
        Operation.Version => "Version: 2.2.3 (2020300)\nCommit: 0123abc (v2.2.3)\n",
        Operation.List => "[]\n",
        Operation.Info => InfoJson,
        Operation.Logs => "console log\n",
        _ => "",
    };

    public static TheoryData<Operation> All()
    {
        var data = new TheoryData<Operation>();
        foreach (var op in Enum.GetValues<Operation>()) data.Add(op);
        return data;
    }
}
