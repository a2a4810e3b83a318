using System.Diagnostics.Contracts;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrbFixtures.Diagnostics;
using OrbFixtures.Provisioning;

namespace OrbFixtures;

/// <summary>
/// <see cref="WaitFor.Http(int, string, string)"/>: an HTTP GET from the host to the machine gets the expected answer: by
/// default any 2xx status; <see cref="ForStatus"/> names the statuses, <see cref="Matching"/> adds a predicate on the
/// status and the body. The machine is reached at its IPv4 address when OrbStack reports one, else at
/// <see cref="Machine.Hostname"/>. Immutable: the methods return copies.
/// </summary>
public sealed class HttpWaitStrategy : WaitStrategy
{
    /// <summary>The most body characters a look reads (and at most <see cref="WaitObservation.MaxOutput"/> are recorded).</summary>
    private const int BodyCharacters = 16 * 1024;

    private readonly string _scheme;
    private readonly int? _port;
    private readonly string _pathAndQuery;
    private readonly Uri? _absolute;

    internal HttpWaitStrategy(string scheme, int port, string pathAndQuery)
        : base(WaitStrategyKind.Http, string.Create(CultureInfo.InvariantCulture, $"{scheme}://<machine>:{port}{pathAndQuery}"))
    {
        _scheme = scheme;
        _port = port;
        _pathAndQuery = pathAndQuery;
    }

    internal HttpWaitStrategy(Uri url) : base(WaitStrategyKind.Http, url.ToString())
    {
        _absolute = url;
        _scheme = url.Scheme;
        _pathAndQuery = url.PathAndQuery;
    }

    /// <summary>The statuses that count as ready; empty for any 2xx.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<HttpStatusCode> ExpectedStatuses { get; private set; } = [];

    private Func<HttpStatusCode, string, bool>? Predicate { get; set; }

    /// <summary>Returns a copy that is ready only on one of <paramref name="statuses"/>.</summary>
    [Pure]
    public HttpWaitStrategy ForStatus(params HttpStatusCode[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (statuses.Length == 0) throw new ArgumentException("Give at least one expected status, e.g. HttpStatusCode.OK.", nameof(statuses));
        HttpStatusCode[] expected = [.. statuses];
        return Copy(c => c.ExpectedStatuses = expected);
    }

    /// <summary>Returns a copy that is ready only when <paramref name="predicate"/> accepts the response's status and
    /// body (the first 16 K characters), as well as its status being expected.</summary>
    [Pure]
    public HttpWaitStrategy Matching(Func<HttpStatusCode, string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Copy(c => c.Predicate = predicate);
    }

    private HttpWaitStrategy Copy(Action<HttpWaitStrategy> change)
    {
        var copy = (HttpWaitStrategy)MemberwiseClone();
        change(copy);
        return copy;
    }

    /// <summary>The URL a look requests for a machine reached at <paramref name="host"/>.</summary>
    internal Uri UrlFor(string host) => _absolute ?? new UriBuilder(_scheme, host, _port!.Value) { Path = PathOnly, Query = QueryOnly }.Uri;

    private string PathOnly => _pathAndQuery.Split('?', 2)[0];

    private string QueryOnly => _pathAndQuery.Split('?', 2) is [_, var query] ? query : "";

    internal override string RecordedTarget(WaitContext context) => UrlFor(context.HostAddress).ToString();

    internal override async Task<WaitObservation> LookAsync(WaitContext context, CancellationToken cancellationToken)
    {
        var url = UrlFor(context.HostAddress);
        using var timeout = new CancellationTokenSource(context.LookTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await context.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var expected = ExpectedStatuses.Count == 0 ? response.IsSuccessStatusCode : ExpectedStatuses.Contains(response.StatusCode);
            if (!expected) return new WaitObservation(WaitFinding.UnexpectedStatus, HttpStatus: status, Output: body);
            if (Predicate is { } predicate && !predicate(response.StatusCode, body))
                return new WaitObservation(WaitFinding.PredicateRejected, HttpStatus: status, Output: body);
            return new WaitObservation(WaitFinding.Passed, HttpStatus: status, Output: body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WaitObservation(WaitFinding.ConnectionFailed, Detail: nameof(SocketError.TimedOut));
        }
        catch (HttpRequestException e)
        {
            return new WaitObservation(WaitFinding.ConnectionFailed, Detail: e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.Message);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[BodyCharacters];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0) read += n;
            return new string(buffer, 0, read);
        }
    }
}
