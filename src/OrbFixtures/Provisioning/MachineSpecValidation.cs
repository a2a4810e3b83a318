using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>The rules of <see cref="MachineSpec.Validate"/>, each failure naming the value and the rule.</summary>
internal static class MachineSpecValidation
{
    public static void Validate(MachineSpec spec)
    {
        // The logical name ends up inside the real name, so it must satisfy the same character rules.
        if (spec.LogicalName is { Length: >= MachineNames.MaxLength } tooLong)
            throw new ArgumentException(
                $"Logical machine name '{tooLong}' is {tooLong.Length} characters long; the machine name it becomes " +
                $"(<prefix>-<session>-{tooLong}) must be at most {MachineNames.MaxLength} characters, so use a shorter logical name.",
                nameof(spec));
        if (string.IsNullOrEmpty(spec.LogicalName) || MachineNames.Problem(spec.LogicalName + "x") is not null
            || MachineNames.Reserved.Contains(spec.LogicalName))
            throw new ArgumentException(
                $"Logical machine name '{spec.LogicalName}' is invalid: use letters, digits, '-' and '.', starting with a " +
                "letter or digit (no '_' or spaces), and not a reserved name (" + string.Join(", ", MachineNames.Reserved) + ").",
                nameof(spec));
        if (!Distros.ByToken.TryGetValue(spec.Distro, out var distro))
            throw new ArgumentException(
                $"Distro '{spec.Distro}' is not one orbctl can create. Known distros: {string.Join(", ", Distros.ByToken.Keys)}.",
                nameof(spec));
        if (spec.Version is { Length: 0 })
            throw new ArgumentException($"Image '{spec.Image}' has an empty version after ':'; write '{spec.Distro}' for the latest.", nameof(spec));
        if (spec.Arch is not null && !Distros.Architectures.Contains(spec.Arch))
            throw new ArgumentException(
                $"Architecture '{spec.Arch}' is invalid. Use one of: {string.Join(", ", Distros.Architectures)} (or none for the native one).",
                nameof(spec));
        if (spec.User is { } user && (user.Length == 0 || user.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            throw new ArgumentException($"User name '{user}' is invalid: use letters, digits, '-', '_' and '.'.", nameof(spec));
        var hasCloudInit = spec.UserData is not null || spec.UserDataFile is not null;
        if (hasCloudInit && !distro.SupportsCloudInit)
            throw new ArgumentException(
                $"Distro '{spec.Distro}' does not support cloud-init user data (orbctl: cloud-init not supported for '{distro.ImageName}').",
                nameof(spec));
        if (spec.UserDataFile is { } file)
        {
            try { using var _ = File.OpenRead(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new ArgumentException($"Cloud-init user-data file '{file}' cannot be read: {e.Message}", nameof(spec), e);
            }
        }
        if (spec.ReadinessProbe.Count == 0 || string.IsNullOrWhiteSpace(spec.ReadinessProbe[0]))
            throw new ArgumentException($"The readiness probe of '{spec.LogicalName}' is empty; give a program, e.g. WithReadinessProbe(\"true\").", nameof(spec));
        if (spec.ReadinessProbe[0].StartsWith('-'))
            throw new ArgumentException(
                $"The readiness probe of '{spec.LogicalName}' starts with '{spec.ReadinessProbe[0]}'; a command must start with a program name, not '-'.",
                nameof(spec));
    }
}
