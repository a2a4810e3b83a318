namespace OrbFixtures.TestChild;

/// <summary>One machine a child session provisions.</summary>
/// <param name="Logical">Its logical name.</param>
/// <param name="Image">Its image, <c>DISTRO[:VERSION]</c>.</param>
/// <param name="User">Its default user; <see langword="null"/> for the default.</param>
/// <param name="Reuse">Whether it is a reusable machine (<see cref="MachineSpec.WithReuse"/>).</param>
/// <param name="UserData">Its cloud-init user data (a secret); <see langword="null"/> for none.</param>
/// <param name="AfterCreateOf">Start provisioning it only once this other machine's create holds a create slot (its
/// "creating" progress line), so that with one slot it deterministically waits at the gate.</param>
public sealed record ChildMachine(string Logical, string Image, string? User = null, bool Reuse = false, string? UserData = null,
    string? AfterCreateOf = null)
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
