-- Cluster-wide defaults for the Pathwise dev/test cluster (idempotent).
-- Service roles must reach only their own database, so PUBLIC loses CONNECT on the
-- maintenance databases too (superusers are unaffected).
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
