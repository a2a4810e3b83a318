namespace OrbFixtures.Cli;

/// <summary>The exit codes of <c>orbfixtures</c>, the same for every command (README "Command-line tool", and
/// <c>orbfixtures --help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>doctor</c>: machine tests would run.</summary>
    public const int Ok = 0;

    /// <summary>A problem was found or an action was not done: <c>doctor</c> found that machine tests would be skipped or
    /// fail; <c>reap</c> or <c>templates prune</c> could not reap a record; <c>templates rebuild</c> was refused (a lease
    /// or a build holds the template); <c>forget</c> found no record or was not confirmed; <c>report</c> could
    /// not read the file; the state folder is not safe to use.</summary>
    public const int Problem = 1;

    /// <summary>Bad arguments or configuration: nothing was done (the message names the value and the fix).</summary>
    public const int Usage = 2;

    /// <summary><c>orbctl</c> could not be found or asked (<c>list</c> still prints the records).</summary>
    public const int OrbctlUnavailable = 3;

    /// <summary>The exit codes, for <c>--help</c>.</summary>
    public const string Help =
        "Exit codes: 0 done (doctor: machine tests would run); 1 a problem was found or an action was not done " +
        "(doctor: machine tests would be skipped or fail); 2 bad arguments or configuration, nothing done; " +
        "3 orbctl could not be found or asked.";
}
