-- Refresh tokens that were exchanged already (rotation), as SHA-256, with the
-- authorization (the token family) they belonged to. Presenting one again is reuse: the
-- family is revoked (OAuth 2.0 Security BCP, section 4.14.2).
create table used_refresh_token (
    token_hash varchar(64) primary key,
    authorization_id varchar(100) not null,
    used_at timestamp with time zone not null,
    -- after the family's refresh tokens expire the record is useless
    expires_at timestamp with time zone not null
);

create index used_refresh_token_expires_at_idx on used_refresh_token (expires_at);
