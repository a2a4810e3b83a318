using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>
/// Creates or adopts machines for one session (one test process), owns them in the ledger, and cleans them up.
/// <see cref="EnsureAsync"/> returns a ready machine or throws one <see cref="MachineProvisioningException"/>;
/// it never blindly repeats a create.
/// </summary>
public sealed partial class MachineProvisioner : IAsyncDisposable
{
    /// <summary>Creates a provisioner that runs <c>orbctl</c> with the given options.</summary>
    public MachineProvisioner(OrbFixturesOptions? options = null)
        : this(options ?? new OrbFixturesOptions(), client: null)
    {
    }

    // TODO(issue 4)
    internal MachineProvisioner(OrbFixturesOptions options, IOrbCtlClient? client)
    {
        Options = options;
        _ = client;
        SessionId = "";
    }

    /// <summary>The options this provisioner runs with.</summary>
    public OrbFixturesOptions Options { get; }

    /// <summary>This session's short random id, part of every machine name.</summary>
    public string SessionId { get; }

    /// <summary>The real machine name <paramref name="logicalName"/> gets in this session.</summary>
    public string MachineNameFor(string logicalName) => throw new NotImplementedException();

    /// <summary>The attempt histories of every machine this provisioner was asked for, ready or not.</summary>
    public IReadOnlyList<AttemptHistory> Histories => throw new NotImplementedException();

    /// <summary>Returns a ready machine for <paramref name="spec"/>: created, or adopted when it already exists and is ours.</summary>
    /// <exception cref="ArgumentException">The spec is invalid (nothing was run).</exception>
    /// <exception cref="MachineProvisioningException">The machine could not be made ready; the message tells why.</exception>
    public Task<Machine> EnsureAsync(MachineSpec spec, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Deletes machines in the ledger whose owning process is dead; returns how many were removed.
    /// Machines of live sessions and machines not in the ledger are never touched.</summary>
    public Task<int> ReapAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Applies the cleanup policy to every machine of this session.</summary>
    public Task ReleaseAllAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Releases every machine (<see cref="ReleaseAllAsync"/>) and writes the report when configured.</summary>
    public async ValueTask DisposeAsync() => await ReleaseAllAsync().ConfigureAwait(false);
}
