-- A room's topic (IRC's TOPIC), kept so that it outlives a restart: one row per room that has one.
CREATE TABLE room_topics (
    room_ref INTEGER PRIMARY KEY REFERENCES rooms (ref) ON DELETE CASCADE,
    text     TEXT    NOT NULL,           -- never empty: no topic is no row
    set_by   TEXT    NOT NULL,           -- who set it, as the protocol that set it names them
    set_at   INTEGER NOT NULL            -- epoch milliseconds, UTC
);
