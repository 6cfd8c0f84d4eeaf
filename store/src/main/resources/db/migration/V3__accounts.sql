-- Registered users. The password is only ever a salted slow hash (PHC string).
CREATE TABLE accounts (
    name_key      TEXT PRIMARY KEY,      -- the name folded with Locale.ROOT (RegisteredNames.key)
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    public_key    TEXT,                  -- one-line wire form, once the user registered one
    created_at    INTEGER NOT NULL       -- epoch milliseconds, UTC
);

-- A user's login sessions as ranges of message ids: it received the lobby's messages with
-- from_id < id <= to_id. History is derived from these and the messages table, never written
-- per recipient. to_id is NULL while the session is open.
CREATE TABLE sessions (
    id       INTEGER PRIMARY KEY,
    user_key TEXT    NOT NULL REFERENCES accounts (name_key),
    from_id  INTEGER NOT NULL,
    to_id    INTEGER
);

CREATE INDEX sessions_by_user ON sessions (user_key);

-- Private messages, relayed as the sender gave them: the server never sees the clear text of
-- an encrypted one.
CREATE TABLE private_messages (
    id            INTEGER PRIMARY KEY,
    sent_at       INTEGER NOT NULL,      -- epoch milliseconds, UTC
    sender_key    TEXT    NOT NULL,
    sender        TEXT    NOT NULL,
    recipient_key TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    encrypted     INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
    body          TEXT    NOT NULL
);

CREATE INDEX private_messages_by_sender ON private_messages (sender_key, id);
CREATE INDEX private_messages_by_recipient ON private_messages (recipient_key, id);
