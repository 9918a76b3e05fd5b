-- Roles (what a person may do: admin, developer, and roles that APIs check) and groups
-- (who they belong with), both released in tokens.
create table account_role (
    account_id uuid not null references user_account (id) on delete cascade,
    role varchar(64) not null,
    primary key (account_id, role)
);

create table account_group (
    account_id uuid not null references user_account (id) on delete cascade,
    group_name varchar(64) not null,
    primary key (account_id, group_name)
);

-- Who registered a client in the developer portal (or through dynamic registration).
-- Deleting the owner's account leaves the client to the administrators.
create table client_owner (
    registered_client_id varchar(100) primary key references oauth2_registered_client (id) on delete cascade,
    account_id uuid references user_account (id) on delete set null
);

create index client_owner_account_idx on client_owner (account_id);

-- The audit trail also names the client an event concerns, and is filtered by event type.
alter table audit_event add column client_id varchar(100);
create index audit_event_client_idx on audit_event (client_id, occurred_at);
create index audit_event_type_idx on audit_event (event_type, occurred_at);
