-- The cluster's leases on life: one row per life of a node (one run of its process). A live node
-- renews its row's expires_at well before it passes; a row past it is a dead node, which one
-- surviving node claims (claimed_by, claimed_at: a conditional UPDATE only one node wins),
-- announces its members as gone, then deletes. Times are the database's clock (now()).
CREATE TABLE node_leases (
    life       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    node       text        NOT NULL,
    expires_at timestamptz NOT NULL,
    claimed_by text,
    claimed_at timestamptz
);

CREATE INDEX node_leases_by_node ON node_leases (node);

-- Who is in which room: one row per member of a room, by node and life (a join inserts it and a
-- leave deletes it, in the transaction that places them). What the claimer of a dead node's
-- lease reads to announce that node's members as gone, whether or not it knew of them. Only a
-- node with a lease (a cluster node) writes rows. No foreign key: a row left behind by a leave
-- that failed must not keep its room from being removed.
CREATE TABLE room_members (
    room_ref  integer NOT NULL,
    node      text    NOT NULL,
    member_id bigint  NOT NULL,
    life      bigint  NOT NULL,
    name      text    NOT NULL,
    PRIMARY KEY (room_ref, node, member_id)
);

CREATE INDEX room_members_by_life ON room_members (life);
