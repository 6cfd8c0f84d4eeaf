-- The names online across the cluster: one row per name (folded, as NameKeys.key folds it), held
-- by one node's life (node_leases.life). Entering a name no account owns inserts its row unless
-- another life holds it (ON CONFLICT DO NOTHING for another life: the name is taken once across
-- the cluster); an owner's login takes the row over, whoever held it; leaving deletes it (by
-- token, so a late leave cannot free a later hold of the same name on the same node). The claimer
-- of a dead node's lease deletes that life's rows, so its names are free within the lease bound.
CREATE TABLE online_names (
    name_key text   PRIMARY KEY,
    name     text   NOT NULL,
    node     text   NOT NULL,
    life     bigint NOT NULL,
    token    bigint NOT NULL,
    keyed    boolean NOT NULL DEFAULT false  -- the holder reads encrypted private messages (an account client)
);

CREATE INDEX online_names_by_life ON online_names (life);
