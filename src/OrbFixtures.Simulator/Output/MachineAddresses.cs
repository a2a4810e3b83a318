using System.Globalization;

namespace OrbFixtures.Simulator.Output;

/// <summary>
/// Deterministic per-name addresses: IPv4 in OrbStack's 192.168.138.0/23 and an EUI-64 style IPv6 under
/// <c>fd07:b51a:cc66:0::/64</c>, printed the way Go prints them (lower-case hex, no leading zeros).
/// </summary>
internal static class MachineAddresses
{
    public static string Ip4(string name)
    {
        // Host numbers 2..510 skip the network address, the gateway (.1) and the broadcast address (139.255).
        var host = 2 + (int)(Fnv(name) % 509);
        return $"192.168.{138 + (host / 256)}.{host % 256}";
    }

    public static string Ip6(string name)
    {
        var hash = Fnv("ip6:" + name) | ((ulong)Fnv("mac:" + name) << 32);
        var mac = BitConverter.GetBytes(hash);

        // Setting the locally-administered bit keeps the first interface group non-zero, so Go never shortens it to "::".
        var groups = new[]
        {
            (mac[0] | 0x02) << 8 | mac[1],
            mac[2] << 8 | 0xff,
            0xfe << 8 | mac[3],
            mac[4] << 8 | mac[5],
        };
        return "fd07:b51a:cc66:0:" + string.Join(':', groups.Select(g => g.ToString("x", CultureInfo.InvariantCulture)));
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }

        return hash;
    }
}
