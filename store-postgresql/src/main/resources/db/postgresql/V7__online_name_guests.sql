-- A name held by a guest (an IRC nick no account owns) carries the guest's token (the token of
-- its connection, as its node stores its private messages under: V5), so that a private message
-- sent to it from another node is stored for the same party as on its own node, and the guest
-- reads it in its history (IRC CHATHISTORY <nick>). Empty for an account's owner, and for every
-- row before this version (rows live as long as their holder's connection).
ALTER TABLE online_names ADD COLUMN guest text NOT NULL DEFAULT '';
