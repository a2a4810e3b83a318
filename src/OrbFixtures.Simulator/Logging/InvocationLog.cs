using System.Text.Json;

namespace OrbFixtures.Simulator.Logging;

/// <summary>
/// The ORBSIM_LOG record of one invocation: a <c>start</c> line once the invocation knows which fault (if any)
/// applies, and an <c>end</c> line with the exit code. A killed invocation leaves only its start line. Both lines
/// carry the moment they describe (<c>at</c>: process start, then exit) in ISO-8601 UTC with milliseconds.
/// </summary>
internal sealed class InvocationLog(string? path, IReadOnlyList<string> argv, DateTimeOffset startedAt, TimeProvider clock)
{
    private readonly string _id = $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];
    private bool _started;

    /// <summary>Writes the start line (once).</summary>
    public void Start(string? fault)
    {
        if (_started) return;
        _started = true;
        Write("start", startedAt, fault, exitCode: null);
    }

    /// <summary>Writes the end line, preceded by the start line if it was not written yet.</summary>
    public void End(int exitCode, string? fault)
    {
        Start(fault);
        Write("end", clock.GetUtcNow(), fault, exitCode);
    }

    private void Write(string kind, DateTimeOffset at, string? fault, int? exitCode)
    {
        if (string.IsNullOrEmpty(path)) return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", kind);
            json.WriteString("id", _id);
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("argv");
            foreach (var arg in argv) json.WriteStringValue(arg);
            json.WriteEndArray();
            if (exitCode is { } code) json.WriteNumber("exitCode", code);
            if (fault is null) json.WriteNull("fault");
            else json.WriteString("fault", fault);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        AppendOnlyFile.Append(path, buffer.ToArray());
    }
}
