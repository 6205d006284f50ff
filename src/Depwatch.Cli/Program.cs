using Depwatch.Cli;

return await DepwatchCli.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
