-- IRC's REDACT: a redacted message keeps its row and number (the room's order has no gap) but
-- loses its text, and history no longer lists it. NULL: not redacted.
ALTER TABLE messages ADD COLUMN redacted_by text;
ALTER TABLE messages ADD COLUMN redacted_at bigint;

-- A private message its sender redacted keeps its row (and id) but loses its body. NULL: not redacted.
ALTER TABLE private_messages ADD COLUMN redacted_at bigint;
