namespace OrbFixtures.Reliability.Suite;

/// <summary>Runs a scenario's checks and records in the tally whether they all held, then lets any failure through.</summary>
internal static class Counted
{
    public static async Task RunAsync(Action<bool> record, Func<Task> checks)
    {
        var held = false;
        try
        {
            await checks();
            held = true;
        }
        finally
        {
            record(held);
        }
    }
}
