-- More OpenID Connect standard claims (Core 5.1) that people fill in on their profile page.
alter table user_account add column given_name varchar(128);
alter table user_account add column family_name varchar(128);
alter table user_account add column locale varchar(35);
alter table user_account add column zoneinfo varchar(64);

-- Usernames of deleted accounts stay unavailable for a while, so that nobody can pick one
-- up and be mistaken for its former owner by people or by clients keyed on the name.
create table retired_username (
    username varchar(64) primary key,
    reusable_after timestamp with time zone not null
);
