using System.Security.Cryptography;
using System.Text;

namespace OrbFixtures.Ownership;

/// <summary>
/// The hash of a spec that OrbFixtures persists (in ledger records, run reports and reusable machines' names): an
/// HMAC-SHA256 keyed with the state directory's random key (<see cref="StateDirectory.SpecHashKey"/>), over everything
/// that shapes the machine, secret cloud-init user data included. Keyed, so that nothing persisted can confirm a guess
/// of a secret offline: without the 0600 key file the hash says nothing.
/// </summary>
internal sealed class SpecHasher(byte[] key)
{
    /// <summary>Characters of the hash in reusable machine names (32 bits: a collision is still caught by the record).</summary>
    public const int NameLength = 8;

    /// <summary>The 16-hex-character keyed hash of <paramref name="spec"/>.</summary>
    public string Hash(MachineSpec spec) => Hash(spec.CanonicalShape());

    /// <summary>The 16-hex-character keyed hash of a template's recipe (<see cref="MachineTemplate.CanonicalShape"/>,
    /// which starts with the template format version).</summary>
    public string Hash(MachineTemplate template) => Hash(template.CanonicalShape());

    private string Hash(string canonical) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)))[..16].ToLowerInvariant();
}
