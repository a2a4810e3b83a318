namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>The lifecycle a cell runs, chosen so it reaches the faulted operation.</summary>
internal enum Lifecycle
{
    /// <summary>Ensure (look up, create, watch, probe), then release with the default policy (look up, delete). Reaches
    /// create, info, run and delete.</summary>
    Provision,
    /// <summary>Ensure and release with <see cref="CleanupPolicy.Stop"/> (stop); then a second provisioner of the same
    /// session ensures the same machine, adopting it stopped (start), and releases it (delete). Reaches stop and start.</summary>
    StopThenAdopt,
}
