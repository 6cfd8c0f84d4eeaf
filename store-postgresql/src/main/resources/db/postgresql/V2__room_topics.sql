-- A room's topic (IRC's TOPIC), kept so that it outlives a restart: one row per room that has one.
CREATE TABLE room_topics (
    room_ref integer PRIMARY KEY REFERENCES rooms (ref) ON DELETE CASCADE,
    text     text    NOT NULL,            -- never empty: no topic is no row
    set_by   text    NOT NULL,            -- who set it, as the protocol that set it names them
    set_at   bigint  NOT NULL             -- epoch milliseconds, UTC
);
