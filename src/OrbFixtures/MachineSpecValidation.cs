using OrbFixtures.Validation;

namespace OrbFixtures;

/// <summary>The rules of <see cref="MachineSpec.Validate"/>, each failure naming the property, the value and the rule.
/// The rules themselves are <see cref="MachineNames"/>'s and <see cref="ArgvRules"/>', the ones the client checks its
/// requests with, so a spec that passes here is never rejected later by OrbFixtures. Which distros exist is not
/// checked here: orbctl says so, and its rejection fails at once with a hint.</summary>
internal static class MachineSpecValidation
{
    public static void Validate(MachineSpec spec)
    {
        if (MachineNames.LogicalNameProblem(spec.LogicalName) is { } name) throw new ArgumentException(name + ".", nameof(spec));
        if (!ArgvRules.IsImageToken(spec.Distro))
            throw new ArgumentException(
                $"Distro '{spec.Distro}' of image '{spec.Image}' is invalid: it must be {ArgvRules.ImageTokenRule}, e.g. 'ubuntu' or 'ubuntu:24.04'.",
                nameof(spec));
        if (spec.Version is { Length: 0 })
            throw new ArgumentException($"Image '{spec.Image}' has an empty version after ':'; write '{spec.Distro}' for the latest.", nameof(spec));
        if (spec.Version is { } version && !ArgvRules.IsImageToken(version))
            throw new ArgumentException(
                $"Version '{version}' of image '{spec.Image}' is invalid: it must be {ArgvRules.ImageTokenRule}.", nameof(spec));
        if (ArgvRules.ArchitectureProblem(spec.Arch) is { } arch) throw new ArgumentException(arch + ".", nameof(spec));
        if (spec.User is { } user && !ArgvRules.IsUserName(user))
            throw new ArgumentException($"User name '{user}' is invalid: use {ArgvRules.UserNameRule}.", nameof(spec));
        if (spec.UserDataFile is { } file)
        {
            try { using var _ = File.OpenRead(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new ArgumentException($"Cloud-init user-data file '{file}' cannot be read: {e.Message}", nameof(spec), e);
            }
        }
        if (ArgvRules.CommandProblem(spec.ReadinessProbe) is { } probe)
            throw new ArgumentException($"The readiness probe of '{spec.LogicalName}' {probe}.", nameof(spec));
        if (ResourceRules.Problem(spec.Resources, $"machine '{spec.LogicalName}'", Environment.ProcessorCount) is { } resources)
            throw new ArgumentException(resources + ".", nameof(spec));
        if (spec.Template is { } template) MachineTemplateValidation.Validate(template);
    }
}
