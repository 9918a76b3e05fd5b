-- The tables Spring Authorization Server's JDBC services read and write, with the column
-- names they expect, adapted for PostgreSQL: timestamps with time zone, unbounded strings
-- instead of blobs, and an index for every lookup the endpoints make.

create table oauth2_registered_client (
    id varchar(100) primary key,
    client_id varchar(100) not null,
    client_id_issued_at timestamp with time zone default current_timestamp not null,
    client_secret varchar(200),
    client_secret_expires_at timestamp with time zone,
    client_name varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types varchar(1000) not null,
    redirect_uris varchar(4000),
    post_logout_redirect_uris varchar(4000),
    scopes varchar(1000) not null,
    client_settings varchar(4000) not null,
    token_settings varchar(4000) not null,
    constraint oauth2_registered_client_client_id_key unique (client_id)
);

create table oauth2_authorization (
    id varchar(100) primary key,
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorization_grant_type varchar(100) not null,
    authorized_scopes varchar(1000),
    attributes varchar,
    state varchar(500),
    authorization_code_value varchar,
    authorization_code_issued_at timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata varchar,
    access_token_value varchar,
    access_token_issued_at timestamp with time zone,
    access_token_expires_at timestamp with time zone,
    access_token_metadata varchar,
    access_token_type varchar(100),
    access_token_scopes varchar(1000),
    oidc_id_token_value varchar,
    oidc_id_token_issued_at timestamp with time zone,
    oidc_id_token_expires_at timestamp with time zone,
    oidc_id_token_metadata varchar,
    refresh_token_value varchar,
    refresh_token_issued_at timestamp with time zone,
    refresh_token_expires_at timestamp with time zone,
    refresh_token_metadata varchar,
    user_code_value varchar,
    user_code_issued_at timestamp with time zone,
    user_code_expires_at timestamp with time zone,
    user_code_metadata varchar,
    device_code_value varchar,
    device_code_issued_at timestamp with time zone,
    device_code_expires_at timestamp with time zone,
    device_code_metadata varchar
);

-- Token values can be longer than a btree entry allows (a JWT with many claims), and are
-- only ever looked up by equality: hash indexes fit both.
create index oauth2_authorization_state_idx on oauth2_authorization using hash (state);
create index oauth2_authorization_code_idx on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access_token_idx on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_id_token_idx on oauth2_authorization using hash (oidc_id_token_value);
create index oauth2_authorization_refresh_token_idx on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_user_code_idx on oauth2_authorization using hash (user_code_value);
create index oauth2_authorization_device_code_idx on oauth2_authorization using hash (device_code_value);
-- for ending a user's or a client's authorizations (sign-out everywhere, client deletion)
create index oauth2_authorization_principal_idx on oauth2_authorization (principal_name, registered_client_id);
create index oauth2_authorization_client_idx on oauth2_authorization (registered_client_id);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorities varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
create index oauth2_authorization_consent_principal_idx on oauth2_authorization_consent (principal_name);
