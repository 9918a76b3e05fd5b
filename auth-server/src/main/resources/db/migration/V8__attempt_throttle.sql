-- Failed or rate-limited attempts per key (an account, a typed name, a client address),
-- shared by every node. A row exists only while there is something to remember.
create table attempt_throttle (
    throttle_key varchar(300) primary key,
    failures integer not null,
    last_failure_at timestamp with time zone not null,
    -- no attempt with this key is accepted before this time (a delay, or a lock)
    blocked_until timestamp with time zone
);

-- the purge of rows nobody has failed with for a while
create index attempt_throttle_last_failure_idx on attempt_throttle (last_failure_at);
