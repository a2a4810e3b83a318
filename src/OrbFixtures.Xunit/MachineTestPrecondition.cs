namespace OrbFixtures.Xunit;

/// <summary>The run-time verdict on a machine test before it runs: run, skip (with a reason) or fail (with an error).</summary>
internal sealed record MachineTestPrecondition(string? SkipReason, Exception? Failure)
{
    public static MachineTestPrecondition Run { get; } = new(null, null);

    public static Task<MachineTestPrecondition> EvaluateAsync(object[] constructorArguments) =>
        EvaluateAsync(constructorArguments, () => OrbFixturesConfiguration.FromEnvironment(), OrbStackProbe.CheckAsync);

    /// <summary>
    /// Follows the answer a <see cref="MachineFixture"/> among the constructor arguments recorded (so the test and its
    /// fixture never disagree, and code options such as an orbctl path apply); without one, probes with the defaults
    /// overridden by the environment.
    /// </summary>
    public static async Task<MachineTestPrecondition> EvaluateAsync(object[] constructorArguments,
        Func<OrbFixturesOptions> configure, Func<OrbFixturesOptions, Task<OrbStackAvailability>> probe)
    {
        var initialized = constructorArguments.OfType<MachineFixture>().Where(f => f is { Availability: not null, Options: not null }).ToList();
        if (initialized.Count > 0)
        {
            var unavailable = initialized.FirstOrDefault(f => !f.Availability!.IsAvailable);
            return unavailable is null ? Run : Verdict(unavailable.Options!, unavailable.Availability!);
        }

        OrbFixturesOptions options;
        try
        {
            options = configure();
        }
        catch (OrbFixturesConfigurationException e)
        {
            return new MachineTestPrecondition(null, e);
        }

        return Verdict(options, await probe(options).ConfigureAwait(false));
    }

    private static MachineTestPrecondition Verdict(OrbFixturesOptions options, OrbStackAvailability availability) =>
        availability.IsAvailable ? Run
        : options.Require ? new MachineTestPrecondition(null, new OrbStackUnavailableException(availability))
        : new MachineTestPrecondition(availability.Reason, null);
}
