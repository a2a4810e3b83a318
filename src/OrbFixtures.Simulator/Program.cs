using System.Text;
using OrbFixtures.Simulator;
using OrbFixtures.Simulator.Logging;

// Entry point of the simulated orbctl. Every path ends here with an exit code: expected errors are orbctl's own
// texts, anything unexpected is one line and exit 70 (EX_SOFTWARE), never a stack trace.
var clock = TimeProvider.System;
var startedAt = clock.GetUtcNow();
var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), encoding) { NewLine = "\n" };
using var stderr = new StreamWriter(Console.OpenStandardError(), encoding) { NewLine = "\n" };
var log = new InvocationLog(Environment.GetEnvironmentVariable("ORBSIM_LOG"), args, startedAt, clock);
var invocation = new Invocation(args, stdout, stderr, clock, log);

int exitCode;
try
{
    exitCode = invocation.Run();
    log.End(exitCode, invocation.FaultName);
}
catch (Exception e)
{
    stderr.Write($"orbsim: internal error: {e.Message}\n");
    exitCode = 70;
    try
    {
        log.End(exitCode, invocation.FaultName);
    }
    catch (Exception logError)
    {
        stderr.Write($"orbsim: internal error: cannot write ORBSIM_LOG: {logError.Message}\n");
    }
}

stdout.Flush();
stderr.Flush();
return exitCode;
