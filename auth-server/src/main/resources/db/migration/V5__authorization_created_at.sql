-- When an authorization was first stored: an authorization still waiting for consent has
-- no token yet, so this is what says when it has been abandoned. The library's JDBC
-- service does not name the column, so the default fills it.
alter table oauth2_authorization add column created_at timestamp with time zone default current_timestamp not null;
