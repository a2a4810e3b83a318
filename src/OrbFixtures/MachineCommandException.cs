namespace OrbFixtures;

/// <summary>A command run with <see cref="RunOptions.ThrowOnNonZeroExit"/> exited non-zero. Its command and result
/// are the recorded ones: every value of <see cref="RunOptions.Secrets"/> is already replaced by <c>***</c>.</summary>
public sealed class MachineCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MachineCommandException(string machine, IReadOnlyList<string> command, CommandResult result)
        : base($"Command [{string.Join(' ', command)}] in machine '{machine}' exited {result.ExitCode}." +
               (result.StandardError.Length > 0 ? $" stderr: {result.StandardError.Trim()}" : ""))
    {
        Machine = machine;
        Command = command;
        Result = result;
    }

    /// <summary>The machine's logical name.</summary>
    public string Machine { get; }

    /// <summary>The command.</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>The result, with exit code and output.</summary>
    public CommandResult Result { get; }
}
