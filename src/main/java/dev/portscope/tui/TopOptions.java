package dev.portscope.tui;

import java.time.Duration;

/**
 * How {@code top} runs.
 *
 * @param interval time between refreshes
 * @param count    refreshes to show before ending, 0 for no end (until q, Ctrl-C, or the reader of a pipe goes)
 * @param scope    which sockets at first ({@code l} changes it)
 * @param filter   the filter at first, in the listings' language ({@code /} changes it); empty for none
 * @param details  whether sockets carry TCP details (RTT and RETRANS columns)
 * @param colour   whether marks are coloured (else bold, faint, underlined)
 */
public record TopOptions(Duration interval, int count, TopScope scope, String filter, boolean details, boolean colour) {}
