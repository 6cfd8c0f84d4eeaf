package io.parley.core.room;

/** A room as the store keeps it: its ref and the name it was created with. */
public record RoomRecord(int ref, String name) {}
