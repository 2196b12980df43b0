-- 024-change-leads-pii-to-text: the SQL twin of the Sequelize migration 024-change-leads-pii-to-text.js (up: changeColumn(leads), changeColumn(leads), changeColumn(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 024-change-leads-pii-to-text.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 24;
