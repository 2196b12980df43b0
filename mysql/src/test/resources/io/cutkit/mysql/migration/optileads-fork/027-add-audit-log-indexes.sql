-- 027-add-audit-log-indexes: the SQL twin of the Sequelize migration 027-add-audit-log-indexes.js (up: addIndex(audit_log), addIndex(audit_log)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 027-add-audit-log-indexes.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 27;
