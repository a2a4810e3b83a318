namespace OrbFixtures.OrbCtl;

/// <summary>Checks every value that ends up in an <c>orbctl</c> argv before any process starts. Each failure is an
/// <see cref="ArgumentException"/> naming the value and the rule it breaks.</summary>
internal static class OrbCtlInput
{
    public static void MachineName(string? name, string parameterName) => MachineNames.Validate(name, parameterName);

    public static void Create(CreateMachineRequest? request)
    {
        ArgumentNullException.ThrowIfNull(request);
        MachineNames.Validate(request.Name, nameof(request));
        if (string.IsNullOrWhiteSpace(request.Distro))
            throw new ArgumentException(
                $"The distro of machine '{request.Name}' is empty; give a distro such as 'ubuntu' (known: {string.Join(", ", Distros.ByToken.Keys)}).",
                nameof(request));
        Token(request.Distro, "distro", request.Name);
        if (request.Version is not null) Token(request.Version, "version", request.Name);
        if (request.Arch is not null && !Distros.Architectures.Contains(request.Arch))
            throw new ArgumentException(
                $"Architecture '{request.Arch}' of machine '{request.Name}' is invalid; use one of {string.Join(", ", Distros.Architectures)}, or none for the native one.",
                nameof(request));
        if (request.User is not null) Token(request.User, "user name", request.Name);
        if (request.UserDataFile is not null) FlagValue(request.UserDataFile, "cloud-init user-data file path", nameof(request));
    }

    public static void Run(RunCommandRequest? request)
    {
        ArgumentNullException.ThrowIfNull(request);
        MachineNames.Validate(request.Machine, nameof(request));
        if (request.Command is null || request.Command.Count == 0 || string.IsNullOrWhiteSpace(request.Command[0]))
            throw new ArgumentException(
                $"The command to run in machine '{request.Machine}' is empty; give a program and its arguments, e.g. [\"uname\", \"-a\"].",
                nameof(request));
        if (request.Command[0].StartsWith('-'))
            throw new ArgumentException(
                $"The command to run in machine '{request.Machine}' starts with '{request.Command[0]}'; a command must start with a " +
                "program name, not '-' (orbctl would read it as one of its own flags).",
                nameof(request));
        if (request.Command.Any(a => a is null))
            throw new ArgumentException($"The command to run in machine '{request.Machine}' contains a null argument.", nameof(request));
        if (request.User is not null) Token(request.User, "user name", request.Machine);
        if (request.WorkingDirectory is not null) FlagValue(request.WorkingDirectory, "working directory", nameof(request));
        if (request.Timeout is { } timeout && !OptionRanges.AttemptTimeout.Contains(timeout))
            throw new ArgumentException(
                $"The timeout of the command run in machine '{request.Machine}' must be a duration {OptionRanges.AttemptTimeout} (got {timeout}).",
                nameof(request));
        if (request.MaxOutputBytes is { } max && !OptionRanges.MaxOutputBytes.Contains(max))
            throw new ArgumentException(
                $"The output cap of the command run in machine '{request.Machine}' is {max} bytes; it must be between " +
                $"{OptionRanges.MaxOutputBytes.Min} (1 KiB) and {OptionRanges.MaxOutputBytes.Max} (1 GiB).",
                nameof(request));
    }

    /// <summary>A host or guest path given to push/pull.</summary>
    public static void Path(string? path, string what, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"The {what} is empty; give a file path.", parameterName);
        FlagValue(path, what, parameterName);
    }

    private static void Token(string value, string what, string machine)
    {
        if (value.Length == 0 || value.StartsWith('-') || value.Any(char.IsWhiteSpace) || value.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException(
                $"The {what} '{value}' of machine '{machine}' is invalid: it must be non-empty, must not start with '-', and must not contain spaces or ':'.",
                "request");
    }

    private static void FlagValue(string value, string what, string parameterName)
    {
        if (value.Length == 0)
            throw new ArgumentException($"The {what} is empty.", parameterName);
        if (value.StartsWith('-'))
            throw new ArgumentException(
                $"The {what} '{value}' starts with '-', which orbctl would read as a flag; write it as './{value}' or an absolute path.",
                parameterName);
    }
}
