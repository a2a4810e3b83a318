namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>How a fault-matrix cell must end.</summary>
internal enum Ending
{
    /// <summary>Every <c>EnsureAsync</c> returned a ready machine and every teardown succeeded.</summary>
    Ready,
    /// <summary><c>EnsureAsync</c> threw one <see cref="MachineProvisioningException"/> of the specified kind, with its history.</summary>
    ProvisioningFails,
    /// <summary>The machine was ready, but teardown (<c>ReleaseAllAsync</c>) threw an <see cref="AggregateException"/> of one
    /// <see cref="OrbCtlException"/> of the specified kind after one attempt; the ledger kept the record for recovery.</summary>
    TeardownFails,
}
