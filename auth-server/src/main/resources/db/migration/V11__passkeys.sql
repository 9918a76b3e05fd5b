-- Passkeys (WebAuthn), in the tables and columns Spring Security's JDBC repositories use,
-- with PostgreSQL types. A user entity's name is the account id (the principal name).
create table user_entities (
    id varchar(1000) primary key,
    name varchar(100) not null,
    display_name varchar(200),
    constraint user_entities_name_key unique (name)
);

create table user_credentials (
    credential_id varchar(1000) primary key,
    user_entity_user_id varchar(1000) not null,
    public_key bytea not null,
    signature_count bigint,
    uv_initialized boolean,
    backup_eligible boolean not null,
    authenticator_transports varchar(1000),
    public_key_credential_type varchar(100),
    backup_state boolean not null,
    attestation_object bytea,
    attestation_client_data_json bytea,
    created timestamp with time zone,
    last_used timestamp with time zone,
    label varchar(1000) not null
);

create index user_credentials_user_idx on user_credentials (user_entity_user_id);
