namespace OrbFixtures.TestChild;

/// <summary>A <see cref="MachineTemplate"/> recipe in a child session's configuration (<see cref="ChildConfig.Template"/>):
/// the same fields, in JSON.</summary>
/// <param name="LogicalName">The template's logical name.</param>
/// <param name="Image">Its image, <c>DISTRO[:VERSION]</c>.</param>
/// <param name="SetupSteps">Its setup steps (argv each), in order, with the default step timeout.</param>
/// <param name="User">Its default user; <see langword="null"/> for the default.</param>
/// <param name="UserData">Its cloud-init user data; <see langword="null"/> for none.</param>
/// <param name="Cpus">Its CPU limit; <see langword="null"/> for none.</param>
/// <param name="MemoryMib">Its memory limit in MiB; <see langword="null"/> for none.</param>
public sealed record ChildTemplate(string LogicalName, string Image, List<string[]> SetupSteps, string? User = null,
    string? UserData = null, int? Cpus = null, int? MemoryMib = null)
{
    /// <summary>The recipe a test suite would write.</summary>
    public MachineTemplate ToTemplate()
    {
        var template = MachineTemplate.Create(LogicalName, Image);
        foreach (var step in SetupSteps) template = template.WithSetupStep(step);
        if (User is not null) template = template.WithUser(User);
        if (UserData is not null) template = template.WithUserData(UserData);
        if (Cpus is { } cpus) template = template.WithCpus(cpus);
        if (MemoryMib is { } memory) template = template.WithMemory(memory);
        return template;
    }
}
