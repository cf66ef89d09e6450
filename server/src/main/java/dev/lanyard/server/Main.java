package dev.lanyard.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `lanyard` command line. */
@Command(name = "lanyard", mixinStandardHelpOptions = true, version = "lanyard 0.1.0",
        description = "Self-hosted, AWS-compatible IAM roles and temporary credentials.",
        subcommands = {ServeCommand.class, AccountsCommand.class})
public final class Main
        implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] arguments)
    {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("lanyard: " + exception.getMessage());
            return 1;
        });
        int exitCode = commandLine.execute(arguments);
        if (exitCode != 0 || !ServeCommand.isServing()) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
