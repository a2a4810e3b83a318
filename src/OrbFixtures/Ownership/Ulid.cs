namespace OrbFixtures.Ownership;

/// <summary>Reads OrbStack machine IDs: 26-character ULIDs, a 48-bit millisecond Unix time followed by 80 random bits,
/// in Crockford base32, as the <c>id</c> field of <c>orbctl info -f json</c> shows them. The time is when OrbStack made the machine.</summary>
internal static class Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The creation time embedded in <paramref name="id"/>, or <see langword="null"/> when it is not a ULID.</summary>
    public static DateTimeOffset? TimeOf(string? id)
    {
        if (id is not { Length: 26 }) return null;
        long milliseconds = 0;
        // The first 10 characters hold 50 bits, the top two of which are always zero.
        for (var i = 0; i < 10; i++)
        {
            var digit = Alphabet.IndexOf(char.ToUpperInvariant(id[i]), StringComparison.Ordinal);
            if (digit < 0) return null;
            milliseconds = (milliseconds << 5) | (long)digit;
        }
        for (var i = 10; i < 26; i++)
            if (Alphabet.IndexOf(char.ToUpperInvariant(id[i]), StringComparison.Ordinal) < 0) return null;
        return milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? null : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>A ULID for <paramref name="time"/> with the given randomness (tests build machine IDs with it).</summary>
    public static string For(DateTimeOffset time, ulong random = 0)
    {
        var value = ((UInt128)(ulong)time.ToUnixTimeMilliseconds() << 80) | random;
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
