package dev.portscope.render;

import java.time.Instant;

/** What a listing is about, written before its rows; {@code host} is null when unknown (a replay that does not name its machine). */
public record ListingHeader(ListingView view, Instant time, String host, String backend) {}
