namespace OrbFixtures.Xunit;

public abstract partial class MachineFixture
{
    /// <summary>The environment the options are read from; <see langword="null"/> for this process's (tests set it).</summary>
    internal IReadOnlyDictionary<string, string?>? Environment { get; set; }

    /// <summary>The availability probe (tests replace it).</summary>
    internal Func<OrbFixturesOptions, Task<OrbStackAvailability>> Probe { get; set; } = OrbStackProbe.CheckAsync;

    /// <summary>Creates the provisioner (tests replace it).</summary>
    internal Func<OrbFixturesOptions, MachineProvisioner> CreateProvisioner { get; set; } = options => new MachineProvisioner(options);
}
