-- 033-add-inbound-emails-body-html: the SQL twin of the Sequelize migration 033-add-inbound-emails-body-html.js (up: addColumn(inbound_emails)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 033-add-inbound-emails-body-html.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 33;
