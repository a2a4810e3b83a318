namespace OrbFixtures.Reliability.Child;

/// <summary>One machine a child session provisions.</summary>
/// <param name="Logical">Its logical name.</param>
/// <param name="Image">Its image, <c>DISTRO[:VERSION]</c>.</param>
/// <param name="User">Its default user; <see langword="null"/> for the default.</param>
/// <param name="Reuse">Whether it is a reusable machine (<see cref="MachineSpec.WithReuse"/>).</param>
/// <param name="UserData">Its cloud-init user data (a secret); <see langword="null"/> for none.</param>
public sealed record ChildMachine(string Logical, string Image, string? User = null, bool Reuse = false, string? UserData = null)
{
    /// <summary>The spec a test suite would write for it.</summary>
    public MachineSpec ToSpec()
    {
        var spec = MachineSpec.Create(Logical, Image);
        if (User is not null) spec = spec.WithUser(User);
        if (UserData is not null) spec = spec.WithUserData(UserData);
        return Reuse ? spec.WithReuse() : spec;
    }
}
