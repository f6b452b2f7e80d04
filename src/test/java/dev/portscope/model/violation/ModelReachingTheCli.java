package dev.portscope.model.violation;

/** A deliberate breach of the layers, for ArchitectureTest only: the model may not know the CLI. */
public final class ModelReachingTheCli {
    dev.portscope.cli.CliEnvironment environment;
}
