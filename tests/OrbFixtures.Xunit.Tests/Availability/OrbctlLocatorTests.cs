using System.Runtime.Versioning;
using OrbFixtures.Availability;
using Xunit;

namespace OrbFixtures.Xunit.Tests.Availability;

public sealed class OrbctlLocatorTests
{
    private static OrbctlLocator Locator(string path, params string[] existing) =>
        new(existing.Contains, path, "/home/dev");

    [Fact]
    public void Orbctl_on_PATH_is_found_first()
    {
        var location = Locator("/bin:/opt/orb/bin", "/opt/orb/bin/orbctl", "/usr/local/bin/orbctl").Locate(null);

        Assert.Equal("/opt/orb/bin/orbctl", location.Path);
    }

    [Theory]
    [InlineData("/home/dev/.orbstack/bin/orbctl")]
    [InlineData("/usr/local/bin/orbctl")]
    [InlineData("/Applications/OrbStack.app/Contents/MacOS/bin/orbctl")]
    public void The_places_OrbStack_installs_to_are_searched_when_PATH_has_none(string installed)
    {
        var location = Locator("/bin", installed).Locate(null);

        Assert.Equal(installed, location.Path);
    }

    [Fact]
    public void The_user_link_wins_over_the_app_bundle()
    {
        var location = Locator("/bin", "/Applications/OrbStack.app/Contents/MacOS/bin/orbctl", "/home/dev/.orbstack/bin/orbctl").Locate(null);

        Assert.Equal("/home/dev/.orbstack/bin/orbctl", location.Path);
    }

    [Fact]
    public void When_nothing_is_found_every_searched_place_is_listed_in_order()
    {
        var location = Locator("/bin:/usr/bin").Locate(null);

        Assert.Null(location.Path);
        Assert.Equal(
            [
                "'orbctl' on PATH (/bin:/usr/bin)",
                "~/.orbstack/bin/orbctl (/home/dev/.orbstack/bin/orbctl)",
                "/usr/local/bin/orbctl",
                "/Applications/OrbStack.app/Contents/MacOS/bin/orbctl",
            ],
            location.Searched);
    }

    [Fact]
    public void A_configured_path_is_authoritative_and_never_falls_back()
    {
        var location = Locator("/opt/orb/bin", "/opt/orb/bin/orbctl").Locate("/nowhere/orbctl");

        Assert.Null(location.Path);
        Assert.Equal(["ORBFIXTURES_ORBCTL='/nowhere/orbctl' (no executable file there)"], location.Searched);
    }

    [Fact]
    public void A_configured_path_that_exists_is_used()
    {
        var location = Locator("", "/sim/orbctl").Locate("/sim/orbctl");

        Assert.Equal("/sim/orbctl", location.Path);
    }

    [Fact]
    public void A_configured_bare_name_is_looked_up_on_PATH()
    {
        var location = Locator("/bin:/tools", "/tools/orbctl-sim").Locate("orbctl-sim");

        Assert.Equal("/tools/orbctl-sim", location.Path);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_real_file_system_check_requires_an_executable_file()
    {
        var dir = Directory.CreateTempSubdirectory("of-locator-");
        try
        {
            var plain = Path.Combine(dir.FullName, "orbctl");
            File.WriteAllText(plain, "#!/bin/sh\n");
            var locator = OrbctlLocator.ForThisProcess();

            Assert.Null(locator.Locate(plain).Path);
            File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.Equal(plain, locator.Locate(plain).Path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
