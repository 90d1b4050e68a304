-- One database + one LOGIN role for a service; the database is reachable only by that role
-- (and superusers). Idempotent. Inputs come from the environment:
--   SVC_NAME      role and database name (e.g. catalog)
--   SVC_PASSWORD  the role's password (re-applied on every run so .env stays the source of truth)
-- Run with: psql -v ON_ERROR_STOP=1 -f service-database.sql   (psql >= 15 for \getenv)
\getenv svc SVC_NAME
\getenv pw SVC_PASSWORD

SELECT format('CREATE ROLE %I LOGIN', :'svc')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'svc') \gexec

SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L',
              :'svc', :'pw') \gexec

SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'svc', :'svc', 'UTF8')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'svc') \gexec

SELECT format('ALTER DATABASE %I OWNER TO %I', :'svc', :'svc') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'svc') \gexec
SELECT format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO %I', :'svc', :'svc') \gexec
