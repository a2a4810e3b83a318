using OrbFixtures.Ownership;
using OrbFixtures.Tests.Provisioning.Fakes;
using Xunit;

namespace OrbFixtures.Tests.Ownership;

public sealed class LivenessScopeTests
{
    private static readonly FakeLiveness s_here = new();

    private static SessionOwner Owner(int pid, ProcessPlace place) => new("zzzz", pid, FakeLiveness.Started, place);

    [Fact]
    public void Only_an_owner_of_this_host_and_PID_namespace_whose_process_is_gone_is_dead()
    {
        Assert.Equal(OwnerStatus.Dead, s_here.Judge(Owner(3000, FakeLiveness.Here)));
        Assert.Equal(OwnerStatus.Alive, s_here.Judge(Owner(s_here.Current.Pid, FakeLiveness.Here)));
    }

    [Fact]
    public void An_owner_in_another_PID_namespace_or_on_another_host_is_never_judged_dead()
    {
        // pid 1 of a container or of `unshare --pid` is not this host's pid 1.
        Assert.Equal(OwnerStatus.Elsewhere, s_here.Judge(Owner(1, FakeLiveness.Here with { PidNamespace = "pid:[4026532999]" })));
        Assert.Equal(OwnerStatus.Elsewhere, s_here.Judge(Owner(3000, FakeLiveness.Here with { HostId = "machine-id:other" })));
        Assert.False(s_here.IsCurrent(Owner(s_here.Current.Pid, FakeLiveness.Here with { HostId = "machine-id:other" })));
    }

    [Fact]
    public void A_new_host_name_of_the_same_host_is_still_this_host()
    {
        // A laptop's host name changes with the network; its machine id does not.
        Assert.Equal(OwnerStatus.Dead, s_here.Judge(Owner(3000, FakeLiveness.Here with { HostName = "renamed.local" })));
    }

    [Fact]
    public void This_process_knows_its_host_and_PID_namespace()
    {
        var place = ProcessPlace.OfThisProcess();

        Assert.StartsWith("machine-id:", place.HostId, StringComparison.Ordinal);
        Assert.Matches("^pid:\\[[0-9]+\\]\\z", place.PidNamespace);
        Assert.Equal(Environment.MachineName, place.HostName);
        Assert.True(place.Sees(ProcessPlace.OfThisProcess()));
    }

    [Fact]
    public void The_orbctl_world_is_the_resolved_executable_plus_the_simulators_home()
    {
        var dir = Directory.CreateTempSubdirectory("of-world-").FullName;
        try
        {
            var real = Path.Combine(dir, "orbctl-real");
            File.WriteAllText(real, "");
            var link = Path.Combine(dir, "orbctl");
            File.CreateSymbolicLink(link, real);
            var none = new Dictionary<string, string>();

            Assert.Equal($"orbctl={real}", OrbctlWorld.Key(link, none));
            Assert.Equal(OrbctlWorld.Key(real, none), OrbctlWorld.Key(link, none));
            Assert.Equal($"orbctl={real};ORBSIM_HOME={dir}/a", OrbctlWorld.Key(link, new Dictionary<string, string> { ["ORBSIM_HOME"] = $"{dir}/a" }));
            Assert.NotEqual(OrbctlWorld.Key(link, new Dictionary<string, string> { ["ORBSIM_HOME"] = $"{dir}/a" }),
                OrbctlWorld.Key(link, new Dictionary<string, string> { ["ORBSIM_HOME"] = $"{dir}/b" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
