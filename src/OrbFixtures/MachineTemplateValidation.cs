using OrbFixtures.Validation;

namespace OrbFixtures;

/// <summary>The rules of <see cref="MachineTemplate.Validate"/>: the template machine's spec must pass
/// <see cref="MachineSpec.Validate"/> (with the template's name), and every setup step must be a command
/// (<see cref="ArgvRules.CommandProblem"/>) with a timeout in <see cref="OptionRanges.AttemptTimeout"/>.</summary>
internal static class MachineTemplateValidation
{
    public static void Validate(MachineTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (MachineNames.LogicalNameProblem(template.LogicalName) is { } name)
            throw new ArgumentException($"Template: {name}.", nameof(template));
        try
        {
            template.BuildSpec(template.LogicalName).Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Template '{template.LogicalName}': {e.Message.Split(" (Parameter", 2)[0]}", nameof(template), e);
        }
        for (var i = 0; i < template.SetupSteps.Count; i++)
        {
            var step = template.SetupSteps[i];
            if (ArgvRules.CommandProblem(step.Command) is { } problem)
                throw new ArgumentException($"Setup step {i + 1} of template '{template.LogicalName}' {problem}.", nameof(template));
            if (!OptionRanges.AttemptTimeout.Contains(step.Timeout))
                throw new ArgumentException(
                    $"Setup step {i + 1} of template '{template.LogicalName}' has the timeout {step.Timeout}; it must be a duration {OptionRanges.AttemptTimeout}.",
                    nameof(template));
        }
    }
}
