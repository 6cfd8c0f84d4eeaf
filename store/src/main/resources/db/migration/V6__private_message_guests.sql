-- Private messages between IRC users (and with guests) are kept too. Each party has a guest token:
-- empty for a user logged in to the account that owns its name (every row before this version),
-- a token of the guest's connection otherwise, so that whoever later takes or registers a guest's
-- name never reads the guest's conversations. A conversation is read by one party's key and
-- token and the other's key (IRC's CHATHISTORY <nick>): one index per direction.
ALTER TABLE private_messages ADD COLUMN sender_guest TEXT NOT NULL DEFAULT '';
ALTER TABLE private_messages ADD COLUMN recipient_guest TEXT NOT NULL DEFAULT '';

CREATE INDEX private_messages_by_pair ON private_messages (sender_key, recipient_key, id);
CREATE INDEX private_messages_by_pair_received ON private_messages (recipient_key, sender_key, id);
