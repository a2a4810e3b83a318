namespace OrbFixtures.Reliability.Child;

/// <summary>One machine a child session provisions.</summary>
/// <param name="Logical">Its logical name.</param>
/// <param name="Image">Its image, <c>DISTRO[:VERSION]</c>.</param>
/// <param name="User">Its default user; <see langword="null"/> for the default.</param>
public sealed record ChildMachine(string Logical, string Image, string? User = null)
{
    /// <summary>The spec a test suite would write for it.</summary>
    public MachineSpec ToSpec() => User is null ? MachineSpec.Create(Logical, Image) : MachineSpec.Create(Logical, Image).WithUser(User);
}
