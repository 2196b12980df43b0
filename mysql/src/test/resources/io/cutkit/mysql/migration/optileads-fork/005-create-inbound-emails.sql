-- 005-create-inbound-emails: the SQL twin of the Sequelize migration 005-create-inbound-emails.js (up: createTable(inbound_emails)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 005-create-inbound-emails.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 5;
