-- Authenticator-app (TOTP) secrets, encrypted with the key encryption key like the
-- signing keys. last_used_step stops a code from being used twice.
create table totp_credential (
    account_id uuid primary key references user_account (id) on delete cascade,
    secret_encrypted varchar(1000) not null,
    last_used_step bigint default 0 not null,
    created_at timestamp with time zone not null
);

-- One-time recovery codes, shown once and stored as SHA-256 (they carry 58 random bits).
create table recovery_code (
    code_hash varchar(64) primary key,
    account_id uuid not null references user_account (id) on delete cascade,
    used_at timestamp with time zone
);

create index recovery_code_account_idx on recovery_code (account_id);
