using OrbFixtures.Cli;

return await CliApp.RunAsync(args, CliHost.ForThisProcess()).ConfigureAwait(false);
