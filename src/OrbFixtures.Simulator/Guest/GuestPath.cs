namespace OrbFixtures.Simulator.Guest;

/// <summary>Lexical Linux path handling inside a machine. Normalised paths never climb above <c>/</c>.</summary>
internal static class GuestPath
{
    /// <summary>The absolute, normalised form of <paramref name="path"/> seen from <paramref name="workdir"/>.</summary>
    public static string Resolve(string workdir, string path)
    {
        var combined = path.StartsWith('/') ? path : workdir.TrimEnd('/') + "/" + path;
        var parts = new List<string>();
        foreach (var part in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    public static string HomeOf(string user) => user == "root" ? "/root" : $"/home/{user}";

    public static string FileName(string path) => path.TrimEnd('/').Split('/')[^1];
}
