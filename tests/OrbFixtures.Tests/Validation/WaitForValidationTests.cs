using System.Net;
using OrbFixtures.Diagnostics;
using Xunit;

namespace OrbFixtures.Tests.Validation;

/// <summary>A wait strategy with a bad argument is refused where it is made, before any process starts: an
/// <see cref="ArgumentException"/> that names the parameter and quotes the value. Good arguments give the strategy
/// they describe, and the <c>With…</c> methods return copies.</summary>
public sealed class WaitForValidationTests
{
    public static TheoryData<string, Func<object>, string> BadArguments => new()
    {
        { "command", () => WaitFor.Command(), "command" },
        { "command", () => WaitFor.Command("--help"), "--help" },
        { "command", () => WaitFor.Command("echo", null!), "command" },
        { "unit", () => WaitFor.SystemdUnit(""), "unit" },
        { "unit", () => WaitFor.SystemdUnit("nginx service"), "nginx service" },
        { "unit", () => WaitFor.SystemdUnit("-nginx"), "-nginx" },
        { "port", () => WaitFor.Port(0), "0" },
        { "port", () => WaitFor.Tcp(65536), "65536" },
        { "port", () => WaitFor.Http(-1), "-1" },
        { "path", () => WaitFor.Http(80, "health"), "health" },
        { "scheme", () => WaitFor.Http(80, "/", "ftp"), "ftp" },
        { "url", () => WaitFor.Http(new Uri("/relative", UriKind.Relative)), "/relative" },
        { "url", () => WaitFor.Http(new Uri("ftp://example.org/")), "ftp://example.org/" },
        { "path", () => WaitFor.File("run/app.ready"), "run/app.ready" },
        { "path", () => WaitFor.File("/run/a\0b"), "/run/a" },
        { "pattern", () => WaitFor.LogLine(""), "pattern" },
        { "pattern", () => WaitFor.LogLine("ready ("), "ready (" },
        { "path", () => LogSource.File("app.log"), "app.log" },
        { "unit", () => LogSource.Journal("a/b"), "a/b" },
        { "timeout", () => WaitFor.CloudInit().WithTimeout(TimeSpan.Zero), "timeout" },
        { "interval", () => WaitFor.CloudInit().WithPollInterval(TimeSpan.FromHours(2)), "interval" },
        { "statuses", () => WaitFor.Http(80).ForStatus(), "statuses" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void A_bad_argument_is_refused_naming_the_parameter_and_the_value(string parameter, Func<object> make, string quoted)
    {
        var e = Assert.ThrowsAny<ArgumentException>(make);

        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(quoted, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_arguments_make_the_strategies_they_describe()
    {
        WaitStrategy[] strategies =
        [
            WaitFor.Command("pg_isready"), WaitFor.CloudInit(), WaitFor.SystemdUnit("nginx.service"), WaitFor.Port(5432), WaitFor.Tcp(22),
            WaitFor.Http(8080, "/health?full=1"), WaitFor.File("/run/app.ready"), WaitFor.LogLine("ready", LogSource.File("/var/log/app.log")),
        ];

        Assert.Equal(
            [WaitStrategyKind.Command, WaitStrategyKind.CloudInit, WaitStrategyKind.SystemdUnit, WaitStrategyKind.Port, WaitStrategyKind.Tcp,
                WaitStrategyKind.Http, WaitStrategyKind.File, WaitStrategyKind.LogLine],
            strategies.Select(s => s.Kind));
        Assert.Equal(["pg_isready", "nginx.service", "5432", "22", "/run/app.ready"],
            strategies.Where(s => s.Kind is WaitStrategyKind.Command or WaitStrategyKind.SystemdUnit or WaitStrategyKind.Port
                or WaitStrategyKind.Tcp or WaitStrategyKind.File).Select(s => s.Target));
    }

    [Fact]
    public void With_methods_return_copies_and_leave_the_original_alone()
    {
        var http = WaitFor.Http(80);

        var tuned = http.WithTimeout(TimeSpan.FromSeconds(30)).WithPollInterval(TimeSpan.FromMilliseconds(250));
        var strict = http.ForStatus(HttpStatusCode.NoContent);

        Assert.Equal((null, null), (http.Timeout, http.PollInterval));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250)), (tuned.Timeout!.Value, tuned.PollInterval!.Value));
        Assert.Empty(http.ExpectedStatuses);
        Assert.Equal([HttpStatusCode.NoContent], strict.ExpectedStatuses);
    }

    [Fact]
    public void A_spec_appends_strategies_after_the_readiness_probe_in_order()
    {
        var spec = MachineSpec.Create("db", "ubuntu").WithWaitFor(WaitFor.CloudInit()).WithWaitFor(WaitFor.Port(5432));

        Assert.Equal([WaitStrategyKind.CloudInit, WaitStrategyKind.Port], spec.WaitStrategies.Select(s => s.Kind));
        Assert.Equal([WaitStrategyKind.Command, WaitStrategyKind.CloudInit, WaitStrategyKind.Port], spec.Readiness.Select(s => s.Kind));
        Assert.ThrowsAny<ArgumentException>(() => spec.WithWaitFor(null!));
    }
}
