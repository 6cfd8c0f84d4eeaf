-- V8 (V7 is left to the guest tokens' migration, written at the same time on another branch).
--
-- The names line and TCD users chat under, across the cluster. Unlike online_names (a name held by
-- one user, reachable by it: an IRC nick, a logged-in account), such a name may be shared by
-- several line and TCD users at once, on any nodes, as on one node: one row per hold. A claim of
-- either kind takes a transaction-scoped advisory lock on the name first, so an IRC nick on one
-- node and a line name on another cannot both be taken at the same moment. Rows are a node's
-- life's, deleted with its online_names when the life ends.
CREATE TABLE shared_names (
    name_key text   NOT NULL,
    name     text   NOT NULL,
    node     text   NOT NULL,
    life     bigint NOT NULL,
    token    bigint NOT NULL,
    PRIMARY KEY (life, token)
);

CREATE INDEX shared_names_by_name ON shared_names (name_key);

-- Each account's look-alike keys (RegisteredNames.lookalikeKeys: the confusable skeletons of its
-- name), unique across the cluster, so two look-alike registrations committed at the same moment
-- on two nodes cannot both succeed: the second's insert finds the first's key and its account is
-- rolled back. Filled for the accounts of earlier versions when a node opens the store.
CREATE TABLE account_lookalikes (
    lookalike_key text PRIMARY KEY,
    account_key   text NOT NULL REFERENCES accounts (name_key)
);

CREATE INDEX account_lookalikes_by_account ON account_lookalikes (account_key);
