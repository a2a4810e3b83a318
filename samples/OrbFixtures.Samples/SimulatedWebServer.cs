using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrbFixtures.Samples;

/// <summary>
/// Only for runs on the orbctl simulator (ORBSIM_SCENARIO set, as samples/simulator.runsettings does): the simulator
/// runs no guest programs, so this stands in for the web server the machine runs on OrbStack, on 127.0.0.1 (where the
/// scenario points the machine's address). It answers every request with the page. Not needed, and not started, on
/// OrbStack.
/// </summary>
internal sealed class SimulatedWebServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _response;

    private SimulatedWebServer(string page)
    {
        var body = Encoding.UTF8.GetBytes(page);
        _response = [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body];
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static SimulatedWebServer? StartWhenSimulated(string page) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ORBSIM_SCENARIO")) ? null : new SimulatedWebServer(page);

    private async Task ServeAsync()
    {
        while (true)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var request = "";
                int read;
                while (!request.Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer)) > 0)
                    request += Encoding.ASCII.GetString(buffer, 0, read);
                await stream.WriteAsync(_response);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!_listener.Server.IsBound)
            {
                return;
            }
            catch (IOException)
            {
                // A client that went away: serve the next one.
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
