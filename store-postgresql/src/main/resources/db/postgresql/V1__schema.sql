-- Parley's schema in PostgreSQL: the SQLite store's tables at its version 4, with each room's
-- sequence kept in its row (last_seq) so that the insert's transaction can take the next number
-- under the row's lock, whichever node appends. Times are epoch milliseconds, UTC, as in SQLite.

-- Rooms keep their ref for life: an identity column never hands out a value twice, even one a
-- rolled-back transaction took.
CREATE TABLE rooms (
    ref          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text    NOT NULL,
    name_key     text    NOT NULL UNIQUE,     -- the name folded with Locale.ROOT (RoomNames.key)
    created_at   bigint  NOT NULL,
    last_seq     bigint  NOT NULL DEFAULT 0,  -- the seq of the room's last message (0: none yet)
    last_sent_at bigint  NOT NULL DEFAULT 0   -- its time: a message's time never goes back in its room
);

-- One row per message said in a room; never one per recipient.
CREATE TABLE messages (
    id       bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- unique over the cluster
    room_ref integer NOT NULL REFERENCES rooms (ref),
    seq      bigint  NOT NULL,                -- the message's number in its room, from 1, no gaps
    sent_at  bigint  NOT NULL,
    author   text    NOT NULL,
    kind     text    NOT NULL CHECK (kind IN ('CHAT', 'JOIN', 'LEAVE')),
    text     text    NOT NULL,
    UNIQUE (room_ref, seq)
);

-- The chat room directory (shared/specs/directory.md).
CREATE TABLE directory (
    name_key   text    PRIMARY KEY,
    name       text    NOT NULL,
    address    text    NOT NULL,
    port       integer NOT NULL CHECK (port BETWEEN 1024 AND 65535),
    room_ref   integer NOT NULL REFERENCES rooms (ref),
    created_at bigint  NOT NULL,
    UNIQUE (address, port)
);

-- Registered users. The password is only ever a salted slow hash (PHC string).
CREATE TABLE accounts (
    name_key      text   PRIMARY KEY,         -- the name folded with Locale.ROOT (RegisteredNames.key)
    name          text   NOT NULL,
    password_hash text   NOT NULL,
    public_key    text,
    created_at    bigint NOT NULL
);

-- A user's login sessions as ranges of the lobby's seq: it received the lobby's messages with
-- from_seq < seq <= to_seq. to_seq is NULL while the session is open; node is the node that
-- holds it, so that a node closes only its own sessions when it restarts after a crash.
CREATE TABLE sessions (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_key text   NOT NULL REFERENCES accounts (name_key),
    node     text   NOT NULL,
    from_seq bigint NOT NULL,
    to_seq   bigint
);

CREATE INDEX sessions_by_user ON sessions (user_key);
CREATE INDEX sessions_open_by_node ON sessions (node) WHERE to_seq IS NULL;

-- Private messages, relayed as the sender gave them: the server never sees the clear text of
-- an encrypted one.
CREATE TABLE private_messages (
    id            bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sent_at       bigint   NOT NULL,
    sender_key    text     NOT NULL,
    sender        text     NOT NULL,
    recipient_key text     NOT NULL,
    recipient     text     NOT NULL,
    encrypted     smallint NOT NULL CHECK (encrypted IN (0, 1)),
    body          text     NOT NULL
);

CREATE INDEX private_messages_by_sender ON private_messages (sender_key, id);
CREATE INDEX private_messages_by_recipient ON private_messages (recipient_key, id);

-- Each node's last write probe (its readiness check commits a real write here).
CREATE TABLE probes (
    node      text   PRIMARY KEY,
    probed_at bigint NOT NULL
);
