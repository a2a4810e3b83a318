using OrbFixtures.Validation;

namespace OrbFixtures.OrbCtl;

/// <summary>Checks every value that ends up in an <c>orbctl</c> argv before any process starts, with the rules of
/// <see cref="MachineNames"/>, <see cref="ArgvRules"/> and <see cref="OptionRanges"/>. Each failure is an
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
                $"The distro of machine '{request.Name}' is empty; give a distro such as 'ubuntu' ({Distros.Hint()}).",
                nameof(request));
        ImageToken(request.Distro, "distro", request.Name);
        if (request.Version is not null) ImageToken(request.Version, "version", request.Name);
        if (ArgvRules.ArchitectureProblem(request.Arch) is { } arch)
            throw new ArgumentException($"{arch} (machine '{request.Name}').", nameof(request));
        if (request.User is not null) UserName(request.User, request.Name);
        if (request.UserDataFile is not null) FlagValue(request.UserDataFile, "cloud-init user-data file path", nameof(request));
        if (ResourceRules.Problem(request.Resources, $"machine '{request.Name}'", Environment.ProcessorCount) is { } resources)
            throw new ArgumentException(resources + ".", nameof(request));
    }

    public static void MachineSetting(string machine, MachineSetting? setting)
    {
        MachineNames.Validate(machine, nameof(machine));
        ArgumentNullException.ThrowIfNull(setting);
        if (!Enum.IsDefined(setting.Key))
            throw new ArgumentException($"Machine config key {setting.Key} of machine '{machine}' is not one OrbFixtures knows.", nameof(setting));
        if (string.IsNullOrEmpty(setting.Value) || !setting.Value.All(c => char.IsAsciiLetterOrDigit(c)))
            throw new ArgumentException(
                $"The value '{setting.Value}' of machine.{machine}.{setting.KeyText} is invalid: it must be a number or true/false.", nameof(setting));
    }

    public static void Run(RunCommandRequest? request)
    {
        ArgumentNullException.ThrowIfNull(request);
        MachineNames.Validate(request.Machine, nameof(request));
        if (ArgvRules.CommandProblem(request.Command) is { } problem)
            throw new ArgumentException($"The command to run in machine '{request.Machine}' {problem}.", nameof(request));
        if (request.User is not null) UserName(request.User, request.Machine);
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

    private static void ImageToken(string value, string what, string machine)
    {
        if (!ArgvRules.IsImageToken(value))
            throw new ArgumentException(
                $"The {what} '{value}' of machine '{machine}' is invalid: it must be {ArgvRules.ImageTokenRule}.", "request");
    }

    private static void UserName(string value, string machine)
    {
        if (!ArgvRules.IsUserName(value))
            throw new ArgumentException(
                $"The user name '{value}' of machine '{machine}' is invalid: use {ArgvRules.UserNameRule}.", "request");
    }

    private static void FlagValue(string value, string what, string parameterName)
    {
        if (ArgvRules.FlagValueProblem(value, what) is { } problem) throw new ArgumentException(problem + ".", parameterName);
    }
}
