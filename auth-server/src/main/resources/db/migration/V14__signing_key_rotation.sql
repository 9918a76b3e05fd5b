-- Signing keys rotate: a key is published first, signs from activates_at, stops signing at
-- retires_at (when its successor activates) and leaves the JWKS at expires_at, after every
-- token it signed has expired.
alter table signing_key add column activates_at timestamp with time zone;
alter table signing_key add column retires_at timestamp with time zone;
alter table signing_key add column expires_at timestamp with time zone;
update signing_key set activates_at = created_at;
alter table signing_key alter column activates_at set not null;
drop index signing_key_active_idx;
alter table signing_key drop column active;
create index signing_key_expires_at_idx on signing_key (expires_at);
