package dev.portscope.cli;

/**
 * A command meant to be run by a monitoring system ({@code audit}, {@code health}): its exit codes
 * follow the monitoring-plugin convention, 0 OK, 1 warning, 2 critical, 3 unknown, and a bad
 * command line is unknown, never critical ({@link ExitCodes}).
 */
interface MonitoringCheck {}
