-- Written for PostgreSQL; it also runs on the embedded H2 database (PostgreSQL mode) used
-- by the one-command local start. H2 maps "text" to a CLOB that cannot be indexed, so
-- unbounded strings are "varchar" (the same type as text on PostgreSQL).

create table user_account (
    id uuid primary key,
    username varchar(64) not null,
    email varchar(254) not null,
    password_hash varchar(255) not null,
    display_name varchar(128),
    email_verified boolean default false not null,
    enabled boolean default true not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    -- usernames and addresses are stored lower-cased, so these also make them unique regardless of case
    constraint user_account_username_key unique (username),
    constraint user_account_email_key unique (email)
);
