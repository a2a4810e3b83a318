namespace OrbFixtures;

/// <summary>One kind of <c>orbctl</c> call. Timeouts, retries and histories are keyed by this enum, never by a
/// display name, so the create timeout can never silently become a query timeout.</summary>
public enum Operation
{
    /// <summary><c>orbctl status</c>.</summary>
    Status,
    /// <summary><c>orbctl version</c>.</summary>
    Version,
    /// <summary><c>orbctl list -f json</c>.</summary>
    List,
    /// <summary><c>orbctl info NAME -f json</c>.</summary>
    Info,
    /// <summary><c>orbctl create [flags] DISTRO[:VERSION] NAME</c>.</summary>
    Create,
    /// <summary><c>orbctl clone SOURCE NAME</c>.</summary>
    Clone,
    /// <summary><c>orbctl start NAME</c> (or <c>orbctl start</c> to start OrbStack itself).</summary>
    Start,
    /// <summary><c>orbctl stop NAME</c>; never sent without a name.</summary>
    Stop,
    /// <summary><c>orbctl restart NAME</c>.</summary>
    Restart,
    /// <summary><c>orbctl delete -f NAME</c>.</summary>
    Delete,
    /// <summary><c>orbctl run -m NAME [-u USER] [-w DIR] PROGRAM ARGS...</c>.</summary>
    Run,
    /// <summary><c>orbctl push -m NAME SOURCE [DESTINATION]</c>.</summary>
    Push,
    /// <summary><c>orbctl pull -m NAME SOURCE [DESTINATION]</c>.</summary>
    Pull,
    /// <summary><c>orbctl logs NAME</c>.</summary>
    Logs,
    /// <summary><c>orbctl config set machine.NAME.KEY VALUE</c> (a clone's resources, before its first start).</summary>
    Config,
}
