-- A room's modes (IRC's channel modes), kept so that they outlive a restart and hold on every node
-- of a cluster: one row per room whose modes were changed, and one per entry of its mask lists.
CREATE TABLE room_modes (
    room_ref     INTEGER PRIMARY KEY REFERENCES rooms (ref) ON DELETE CASCADE,
    flags        TEXT    NOT NULL,       -- the flag letters set ("imnt"); the last change stored wins
    channel_key  TEXT,                   -- NULL: no key
    member_limit INTEGER NOT NULL        -- 0: no limit
);

-- Bans (b), ban exceptions (e) and invite exceptions (I): one row per mask, in the order set.
CREATE TABLE room_mode_entries (
    id       INTEGER PRIMARY KEY,        -- the order the entries were set in
    room_ref INTEGER NOT NULL REFERENCES rooms (ref) ON DELETE CASCADE,
    list     TEXT    NOT NULL,           -- b, e or I
    mask     TEXT    NOT NULL,           -- as listed
    mask_key TEXT    NOT NULL,           -- the mask in ASCII lower case: one entry per mask, whatever its case
    set_by   TEXT    NOT NULL,
    set_at   INTEGER NOT NULL,           -- epoch milliseconds, UTC
    UNIQUE (room_ref, list, mask_key)
);
