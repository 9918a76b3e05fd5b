-- A secret in rotation is stored with its predecessor and the end of the grace period
-- ({rotating}<new> <previous> <until>); an older Argon2id predecessor does not fit in 200.
alter table oauth2_registered_client alter column client_secret set data type varchar(500);
