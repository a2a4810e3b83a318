namespace OrbFixtures.TestChild;

/// <summary>
/// The template recipe a child session's machines are cloned from (<see cref="ChildConfig.Template"/>): every machine of
/// the session becomes <c>MachineSpec.FromTemplate(recipe, logical)</c>, with the machine's own user, user data and
/// reuse ignored (a clone takes them from its template). Sessions given the same recipe need the same template machine,
/// which is what a test of the build lock or of a killed builder wants.
/// </summary>
/// <param name="Logical">The template's logical name (part of its machine name).</param>
/// <param name="Image">Its base image, <c>DISTRO[:VERSION]</c>.</param>
/// <param name="SetupSteps">Its setup steps in order, each an argv (program first), run with the default step timeout
/// unless <paramref name="StepTimeoutMs"/> is given.</param>
/// <param name="StepTimeoutMs">Every setup step's timeout in milliseconds; <see langword="null"/> for the default.</param>
public sealed record ChildTemplate(string Logical, string Image, List<List<string>> SetupSteps, int? StepTimeoutMs = null)
{
    /// <summary>The recipe a test suite would write.</summary>
    public MachineTemplate ToTemplate()
    {
        var timeout = StepTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : MachineTemplate.DefaultStepTimeout;
        return SetupSteps.Aggregate(MachineTemplate.Create(Logical, Image), (template, step) => template.WithSetupStep(timeout, [.. step]));
    }
}
