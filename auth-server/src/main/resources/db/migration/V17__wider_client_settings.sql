-- A client's settings now hold its options (request URIs: up to 10 of 300 characters,
-- key set, sector identifier and back-channel logout URIs) beside the library's own:
-- the largest allowed registration does not fit in 4000 characters of typed JSON.
alter table oauth2_registered_client alter column client_settings set data type varchar(10000);
