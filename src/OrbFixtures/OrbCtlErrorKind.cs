namespace OrbFixtures;

/// <summary>The closed set of ways an <c>orbctl</c> call can fail, classified from exit code and stderr.</summary>
public enum OrbCtlErrorKind
{
    /// <summary>Anything not recognised below; never retried.</summary>
    Unknown,
    /// <summary><c>machine not found: 'NAME'</c>.</summary>
    NotFound,
    /// <summary><c>machine already exists: 'NAME'</c> (and the rename/duplicate-in-database variants).</summary>
    AlreadyExists,
    /// <summary>Invalid name, distro, architecture, flag or arguments; permanent.</summary>
    InvalidArgument,
    /// <summary><c>image not found</c> or <c>cloud-init not supported</c>; permanent.</summary>
    ImageNotFound,
    /// <summary>Network, missing IP, machine didn't start, interrupted setup, bad transition; retried.</summary>
    Transient,
    /// <summary>OrbStack is stopped, starting, or its services timed out; retried where it makes sense.</summary>
    DaemonNotRunning,
    /// <summary>The attempt ran past the operation's timeout and its process tree was killed.</summary>
    TimedOut,
    /// <summary>orbctl exited 0 but printed something that does not parse.</summary>
    MalformedOutput,
}
