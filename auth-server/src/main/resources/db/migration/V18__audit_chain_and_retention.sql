-- Tamper evidence: every event carries the hash of the one before it and its own
-- (audit.AuditChain). Events written before this migration have none; the chain starts
-- after them. The chain's head is one locked row, so nodes append one at a time.
alter table audit_event add column previous_hash varchar(64);
alter table audit_event add column event_hash varchar(64);

create table audit_chain (
    id integer primary key,
    last_hash varchar(64) not null
);

insert into audit_chain (id, last_hash) values (1, '0000000000000000000000000000000000000000000000000000000000000000');
