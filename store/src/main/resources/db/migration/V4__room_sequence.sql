-- Each room's messages are numbered 1, 2, 3, ... in the order the event log stored them (seq):
-- the room's order, which every node of a cluster shares. Existing messages are numbered in id
-- order per room. Ids are now given by the store at commit (unique, increasing over all rooms).
CREATE TABLE messages_v4 (
    id       INTEGER PRIMARY KEY,        -- assigned by the store at commit, increasing in commit order
    room_ref INTEGER NOT NULL REFERENCES rooms (ref),
    seq      INTEGER NOT NULL,           -- the message's number in its room, from 1, no gaps
    sent_at  INTEGER NOT NULL,           -- epoch milliseconds, UTC; never earlier than the message before
    author   TEXT    NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('CHAT', 'JOIN', 'LEAVE')),
    text     TEXT    NOT NULL,
    UNIQUE (room_ref, seq)
);

INSERT INTO messages_v4 (id, room_ref, seq, sent_at, author, kind, text)
    SELECT id, room_ref, ROW_NUMBER() OVER (PARTITION BY room_ref ORDER BY id), sent_at, author, kind, text
    FROM messages;

-- Login sessions become ranges of the lobby's seq: a bound that was a message id becomes the seq
-- of the last lobby message at or before it (0 if none).
CREATE INDEX messages_v4_by_id ON messages_v4 (room_ref, id);

UPDATE sessions SET
    from_id = COALESCE((SELECT m.seq FROM messages_v4 m
        WHERE m.room_ref = (SELECT ref FROM rooms WHERE name_key = 'lobby') AND m.id <= sessions.from_id
        ORDER BY m.id DESC LIMIT 1), 0),
    to_id = CASE WHEN to_id IS NULL THEN NULL ELSE COALESCE((SELECT m.seq FROM messages_v4 m
        WHERE m.room_ref = (SELECT ref FROM rooms WHERE name_key = 'lobby') AND m.id <= sessions.to_id
        ORDER BY m.id DESC LIMIT 1), 0) END;

DROP INDEX messages_v4_by_id;
DROP TABLE messages;
ALTER TABLE messages_v4 RENAME TO messages;
ALTER TABLE sessions RENAME COLUMN from_id TO from_seq;
ALTER TABLE sessions RENAME COLUMN to_id TO to_seq;
