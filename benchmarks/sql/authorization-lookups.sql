-- The lookups Spring Authorization Server's JDBC service makes on oauth2_authorization,
-- on a million rows, with their plans. Run by scripts/query-plans.sh on a scratch database
-- that has the Flyway migrations applied.
\set ON_ERROR_STOP on
\timing off

insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
    authorized_scopes, attributes, state,
    authorization_code_value, authorization_code_issued_at, authorization_code_expires_at,
    access_token_value, access_token_issued_at, access_token_expires_at, access_token_type, access_token_scopes,
    oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at,
    refresh_token_value, refresh_token_issued_at, refresh_token_expires_at, created_at)
select 'id-' || n, 'client-' || (n % 50), 'user-' || (n % 100000), 'authorization_code',
    'openid profile', '{}', case when n % 10 = 0 then 'state-' || n end,
    'code-' || n || repeat('c', 100), now(), now() + interval '2 minutes',
    -- access tokens are JWTs of about 900 characters
    'eyJ' || n || repeat('a', 900), now(), now() + interval '5 minutes', 'Bearer', 'openid profile',
    'eyJ' || n || repeat('i', 900), now(), now() + interval '30 minutes',
    'refresh-' || n || repeat('r', 100), now(), now() + interval '8 hours',
    now() - (n % 1000) * interval '1 minute'
from generate_series(1, 1000000) as n;
analyze oauth2_authorization;

-- Prepared, as the JDBC service sends them, with generic plans so they show $1 rather than
-- long tokens (and are the plans a busy server settles on).
set plan_cache_mode = force_generic_plan;
prepare by_id(text) as select * from oauth2_authorization where id = $1;
prepare by_code(text) as select * from oauth2_authorization where authorization_code_value = $1;
prepare by_access_token(text) as select * from oauth2_authorization where access_token_value = $1;
prepare by_refresh_token(text) as select * from oauth2_authorization where refresh_token_value = $1;
prepare by_id_token(text) as select * from oauth2_authorization where oidc_id_token_value = $1;
prepare by_state(text) as select * from oauth2_authorization where state = $1;
prepare by_any_token(text) as select * from oauth2_authorization where state = $1
    or authorization_code_value = $1 or access_token_value = $1 or oidc_id_token_value = $1
    or refresh_token_value = $1 or user_code_value = $1 or device_code_value = $1;

\echo '== by id'
explain (analyze, buffers, costs off, timing off, summary off) execute by_id('id-500000');
\echo '== by authorization code (token endpoint)'
explain (analyze, buffers, costs off, timing off, summary off) execute by_code('code-500000' || repeat('c', 100));
\echo '== by access token (userinfo, introspection, revocation)'
explain (analyze, buffers, costs off, timing off, summary off) execute by_access_token('eyJ500000' || repeat('a', 900));
\echo '== by refresh token (refresh grant, revocation)'
explain (analyze, buffers, costs off, timing off, summary off) execute by_refresh_token('refresh-500000' || repeat('r', 100));
\echo '== by ID token (end-session with id_token_hint)'
explain (analyze, buffers, costs off, timing off, summary off) execute by_id_token('eyJ500000' || repeat('i', 900));
\echo '== by state (consent)'
explain (analyze, buffers, costs off, timing off, summary off) execute by_state('state-500000');
\echo '== by any token type (introspection and revocation without a type hint)'
explain (analyze, buffers, costs off, timing off, summary off) execute by_any_token('eyJ500000' || repeat('a', 900));
