package dev.portscope.render;

import java.time.Instant;

/** What a listing is about, written before its rows. */
public record ListingHeader(ListingView view, Instant time, String host, String backend) {}
