using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Resources and isolation reach orbctl as OrbStack 2.2 spells them (reference/orbctl.md §2.1, §2.17): create
/// flags before the image, per-machine <c>config set</c> keys; bad values are refused before any process starts.</summary>
public sealed class ResourceArgvTests
{
    private readonly ObservedClock _clock = new();

    private async Task<string[]> ArgvOf(Func<OrbCtlClient, Task> call)
    {
        var runner = new FakeOrbCtlProcessRunner(_clock).ThenSucceed();
        await call(TestClients.Create(runner, _clock));
        return [.. Assert.Single(runner.Invocations).Arguments];
    }

    [Fact]
    public async Task A_create_with_resources_gives_cpus_memory_disk_and_isolation_before_the_image()
    {
        var resources = new MachineResources(Cpus: 1, MemoryMib: 4096, DiskGib: 64, Isolated: true, IsolateNetwork: true);
        var argv = await ArgvOf(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", "24.04", User: "deploy") { Resources = resources }));
        Assert.Equal(["create", "-u", "deploy", "--cpus", "1", "--memory", "4096M", "--disk", "64G", "--isolated", "--isolate-network",
            "ubuntu:24.04", "of-a"], argv);
    }

    [Fact]
    public async Task A_config_set_names_the_machine_key_and_value()
    {
        var argv = await ArgvOf(c => c.SetMachineConfigAsync("of-a", new MachineSetting(MachineConfigKey.MemoryMib, "2048")));
        Assert.Equal(["config", "set", "machine.of-a.memory_mib", "2048"], argv);
    }

    [Fact]
    public void A_clone_is_set_only_where_its_spec_differs_from_its_template()
    {
        var inherited = new MachineResources(Cpus: 1, MemoryMib: 2048);
        var wanted = new MachineResources(Cpus: 1, MemoryMib: 4096, DiskGib: 2, Isolated: true);

        var settings = wanted.SettingsOver(inherited);

        Assert.Equal([(MachineConfigKey.MemoryMib, "4096"), (MachineConfigKey.DiskBytes, "2147483648"), (MachineConfigKey.Isolated, "true")],
            settings.Select(s => (s.Key, s.Value)));
        Assert.Empty(inherited.SettingsOver(inherited));
    }

    public static TheoryData<int?, int?, int?, string> BadResources => new()
    {
        { 0, null, null, "CPU limit must be at least 1" },
        { Environment.ProcessorCount + 1, null, null, "CPU limit cannot exceed number of cores" },
        { null, 64, null, "Memory 64 MiB" },
        { null, null, 0, "Disk 0 GiB" },
    };

    [Theory]
    [MemberData(nameof(BadResources))]
    public async Task Resources_out_of_range_are_refused_by_the_spec_and_the_client_before_any_process(int? cpus, int? memory, int? disk, string rule)
    {
        var spec = MachineSpec.Create("db", "ubuntu");
        if (cpus is { } c) spec = spec.WithCpus(c);
        if (memory is { } m) spec = spec.WithMemory(m);
        if (disk is { } d) spec = spec.WithDisk(d);
        var runner = new FakeOrbCtlProcessRunner(_clock);

        var bySpec = Assert.Throws<ArgumentException>(spec.Validate);
        var byClient = await Assert.ThrowsAsync<ArgumentException>(() => TestClients.Create(runner, _clock)
            .CreateAsync(new CreateMachineRequest("of-a", "ubuntu") { Resources = spec.Resources }));

        Assert.Contains(rule, bySpec.Message, StringComparison.Ordinal);
        Assert.Contains(rule, byClient.Message, StringComparison.Ordinal);
        Assert.Empty(runner.Invocations);
    }

    [Fact]
    public void Resources_within_orbstack_limits_validate()
    {
        MachineSpec.Create("db", "ubuntu").WithCpus(1).WithMemory(128).WithDisk(1).WithIsolation(network: true).Validate();
        MachineSpec.Create("db", "ubuntu").WithCpus(Environment.ProcessorCount).Validate();
    }
}
