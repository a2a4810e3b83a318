namespace OrbFixtures.Simulator.Tests.Infrastructure;

/// <summary>The cobra usage blocks of orbctl ≈v2.0, written out literally so the tests pin the exact bytes.</summary>
internal static class ExpectedUsage
{
    public const string Create = """
        Usage:
          orbctl create [flags] DISTRO[:VERSION] [MACHINE_NAME]

        Aliases:
          create, add, new

        Examples:
          orb create -a arm64 ubuntu:mantic
          orb create -a amd64 fedora foo

        Flags:
          -a, --arch string        Override the default architecture
              --cpus int           CPU limit (number of cores)
              --disk string        Disk size limit (e.g. 64G)
          -h, --help               help for create
              --isolate-network    Isolate the machine from the host and local network
              --isolated           Isolate the machine from macOS (no file sharing or integration)
              --memory string      Memory limit (e.g. 4G, 2048M)
          -p, --set-password       Set a password for the default user
          -u, --user string        Username for the default user
          -c, --user-data string   Path to Cloud-init user data file (for automatic setup)

        """;

    public const string List = """
        Usage:
          orbctl list [flags]

        Examples:
          orbctl list

        Flags:
          -f, --format string   output format (json)
          -h, --help            help for list
          -q, --quiet           only show machine names
          -r, --running         only show running machines

        """;

    public const string Info = """
        Usage:
          orbctl info [ID/NAME] [flags]

        Aliases:
          info, i

        Examples:
          orbctl list

        Flags:
          -f, --format string   output format (json)
          -h, --help            help for info

        """;

    public const string Delete = """
        Usage:
          orbctl delete [flags] [ID/NAME]...

        Examples:
          orbctl delete ubuntu

        Flags:
          -a, --all     Delete all machines
          -f, --force   Force deletion without confirmation
          -h, --help    help for delete

        """;

    public const string Restart = """
        Usage:
          orbctl restart [flags] [ID/NAME]..

        Examples:
          orbctl restart ubuntu

        Flags:
          -a, --all    Restart all machines
          -h, --help   help for restart

        """;

    public const string Clone = """
        Usage:
          orbctl clone [OLD_NAME] [NEW_NAME] [flags]

        Examples:
          orb clone ubuntu foo

        Flags:
          -h, --help   help for clone

        """;

    public const string Rename = """
        Usage:
          orbctl rename [old name/ID] [new name] [flags]

        Examples:
          orbctl rename ubuntu testubuntu

        Flags:
          -h, --help   help for rename

        """;

    public const string Default = """
        Usage:
          orbctl default [NAME/ID] [flags]

        Aliases:
          default, set-default, get-default

        Examples:
          orbctl set-default ubuntu

        Flags:
          -h, --help   help for default

        """;

    public const string Logs = """
        Usage:
          orbctl logs [ID/NAME] [flags]

        Aliases:
          logs, log, console

        Examples:
          orbctl logs ubuntu

        Flags:
          -a, --all    show all logs (useful for debugging)
          -h, --help   help for logs

        """;

    public const string Push = """
        Usage:
          orbctl push [flags] macOS-source... [Linux-dest]

        Examples:
          orbctl push example.txt Desktop/

        Flags:
          -h, --help             help for push
          -m, --machine string   Copy to a specific machine

        """;

    public const string Run = """
        Usage:
          orbctl run [flags] -- [COMMAND] [ARGS]...

        Aliases:
          run, exec, shell

        Examples:
          orbctl run ls

        Flags:
          -h, --help             help for run
          -m, --machine string   Use a specific machine
          -p, --path             Translate absolute macOS paths to Linux paths
          -s, --shell            Use the login shell instead of running command directly
          -u, --user string      Run as a specific user
          -w, --workdir string   Set the working directory

        """;

    public const string Stop = """
        Usage:
          orbctl stop [flags] [ID/NAME]..

        Aliases:
          stop, shutdown

        Examples:
          orbctl stop ubuntu

        Flags:
          -a, --all     Stop all machines
          -f, --force   Force VM to stop immediately (if no arguments). May cause data loss!
          -h, --help    help for stop

        """;
}
