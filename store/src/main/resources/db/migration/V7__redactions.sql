-- IRC's REDACT: a redacted message keeps its row and number (the room's order has no gap) but
-- loses its text, and history no longer lists it. NULL: not redacted.
ALTER TABLE messages ADD COLUMN redacted_by TEXT;
ALTER TABLE messages ADD COLUMN redacted_at INTEGER;
