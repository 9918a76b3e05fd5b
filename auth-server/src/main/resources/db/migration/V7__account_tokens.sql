-- Single-use links sent by e-mail (verify an address, reset a password, confirm a new
-- address). Only the SHA-256 of a token is stored; the link holds the token itself.
create table account_token (
    token_hash varchar(64) primary key,
    account_id uuid not null references user_account (id) on delete cascade,
    purpose varchar(32) not null,
    -- the address the link was sent to (for an address change, the new one)
    email varchar(254) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);

-- a new link replaces the account's unused ones of the same purpose
create index account_token_account_idx on account_token (account_id, purpose);
-- the purge of expired and used links
create index account_token_expires_at_idx on account_token (expires_at);
