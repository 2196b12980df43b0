-- 008-create-audit-log: the SQL twin of the Sequelize migration 008-create-audit-log.js (up: createTable(audit_log)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 008-create-audit-log.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 8;
