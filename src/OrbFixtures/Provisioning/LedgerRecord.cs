namespace OrbFixtures.Provisioning;

/// <summary>One machine a session created (or adopted for reuse), as stored in the ownership ledger.</summary>
/// <param name="Name">The real machine name.</param>
/// <param name="LogicalName">The name tests use.</param>
/// <param name="Id">The machine's ULID; <see langword="null"/> until <c>info</c> reported it after create.</param>
/// <param name="OwnerPid">The owning process id.</param>
/// <param name="OwnerStartTime">The owning process's start time (defeats pid reuse).</param>
/// <param name="SessionId">The owning session.</param>
/// <param name="SpecHash">The hash of the spec the machine was made from.</param>
/// <param name="State">Where the machine is in its life.</param>
/// <param name="UpdatedAt">When the record was last written.</param>
internal sealed record LedgerRecord(
    string Name,
    string LogicalName,
    string? Id,
    int OwnerPid,
    DateTimeOffset OwnerStartTime,
    string SessionId,
    string SpecHash,
    LedgerState State,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The process that owns the record.</summary>
    public ProcessIdentity Owner => new(OwnerPid, OwnerStartTime);
}
