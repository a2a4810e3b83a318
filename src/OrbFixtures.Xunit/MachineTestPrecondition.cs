namespace OrbFixtures.Xunit;

/// <summary>The run-time verdict on a machine test before it runs: run, skip (with a reason) or fail (with an error).</summary>
internal sealed record MachineTestPrecondition(string? SkipReason, Exception? Failure)
{
    public static MachineTestPrecondition Run { get; } = new(null, null);

    public static Task<MachineTestPrecondition> EvaluateAsync(object[] constructorArguments) =>
        EvaluateAsync(constructorArguments, () => OrbFixturesConfiguration.FromEnvironment(), OrbStackProbe.CheckAsync);

    /// <summary>
    /// Uses the options of a <see cref="MachineFixture"/> among the constructor arguments (so code options such as an
    /// orbctl path apply), otherwise the defaults overridden by the environment.
    /// </summary>
    public static async Task<MachineTestPrecondition> EvaluateAsync(object[] constructorArguments,
        Func<OrbFixturesOptions> configure, Func<OrbFixturesOptions, Task<OrbStackAvailability>> probe)
    {
        OrbFixturesOptions options;
        try
        {
            options = constructorArguments.OfType<MachineFixture>().Select(f => f.Options).FirstOrDefault(o => o is not null)
                      ?? configure();
        }
        catch (OrbFixturesConfigurationException e)
        {
            return new MachineTestPrecondition(null, e);
        }

        var availability = await probe(options).ConfigureAwait(false);
        if (availability.IsAvailable) return Run;
        return options.Require
            ? new MachineTestPrecondition(null, new OrbStackUnavailableException(availability))
            : new MachineTestPrecondition(availability.Reason, null);
    }
}
