-- When a person first allowed an application, for their list of connected applications.
-- The library's JDBC service does not name the column, so the default fills it on insert
-- and its update (more scopes allowed later) leaves it as it was.
alter table oauth2_authorization_consent add column granted_at timestamp with time zone default current_timestamp not null;
