package org.gwreplay.gwf;

/** An FrHistory line: which program did what, and when (GPS seconds). */
public record History(String name, long time, String comment) {}
