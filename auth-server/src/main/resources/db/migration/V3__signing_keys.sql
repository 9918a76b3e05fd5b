create table signing_key (
    kid varchar(64) primary key,
    algorithm varchar(16) not null,
    -- the public JWK as JSON, published at the JWKS endpoint
    public_jwk varchar(4000) not null,
    -- the private JWK, encrypted (compact JWE, dir + A256GCM) with the key encryption key from the environment
    private_jwk_encrypted varchar(8000) not null,
    created_at timestamp with time zone not null,
    active boolean default true not null
);
create index signing_key_active_idx on signing_key (active, created_at);

-- One row that key generation locks (select ... for update), so that nodes starting
-- together on an empty database agree on one signing key.
create table signing_key_lock (
    id int primary key
);
insert into signing_key_lock (id) values (1);
