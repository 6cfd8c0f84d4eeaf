-- A room's modes (IRC's channel modes), kept so that they outlive a restart and hold on every node
-- of a cluster: one row per room whose modes were changed, and one per entry of its mask lists.
CREATE TABLE room_modes (
    room_ref     integer PRIMARY KEY REFERENCES rooms (ref) ON DELETE CASCADE,
    flags        text    NOT NULL,        -- the flag letters set ("imnt"); the last change stored wins
    channel_key  text,                    -- NULL: no key
    member_limit integer NOT NULL         -- 0: no limit
);

-- Bans (b), ban exceptions (e) and invite exceptions (I): one row per mask, in the order set.
CREATE TABLE room_mode_entries (
    id       bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order the entries were set in
    room_ref integer NOT NULL REFERENCES rooms (ref) ON DELETE CASCADE,
    list     text    NOT NULL,            -- b, e or I
    mask     text    NOT NULL,            -- as listed
    mask_key text    NOT NULL,            -- the mask in ASCII lower case: one entry per mask, whatever its case
    set_by   text    NOT NULL,
    set_at   bigint  NOT NULL,            -- epoch milliseconds, UTC
    UNIQUE (room_ref, list, mask_key)
);
