using System.Globalization;
using System.Net.Sockets;
using OrbFixtures.Diagnostics;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

/// <summary><see cref="WaitFor.Tcp"/>: a TCP connection from the host to the machine's port succeeds.</summary>
internal sealed class TcpWait(int port) : WaitStrategy(WaitStrategyKind.Tcp, port.ToString(CultureInfo.InvariantCulture))
{
    public int Port { get; } = port;

    internal override string RecordedTarget(WaitContext context) => string.Create(CultureInfo.InvariantCulture, $"{context.HostAddress}:{Port}");

    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(context.LookTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(context.HostAddress, Port, linked.Token).ConfigureAwait(false);
            return WaitObservation.Passed();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WaitObservation(WaitFinding.ConnectionFailed, Detail: nameof(SocketError.TimedOut));
        }
        catch (SocketException e)
        {
            return new WaitObservation(WaitFinding.ConnectionFailed, Detail: e.SocketErrorCode.ToString());
        }
    }
}
