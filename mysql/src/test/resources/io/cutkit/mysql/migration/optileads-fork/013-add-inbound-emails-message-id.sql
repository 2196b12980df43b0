-- 013-add-inbound-emails-message-id: the SQL twin of the Sequelize migration 013-add-inbound-emails-message-id.js (up: addColumn(inbound_emails), addIndex(inbound_emails)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 013-add-inbound-emails-message-id.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 13;
