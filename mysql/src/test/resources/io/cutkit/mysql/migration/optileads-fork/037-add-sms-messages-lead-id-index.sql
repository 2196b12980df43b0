-- 037-add-sms-messages-lead-id-index: the SQL twin of the Sequelize migration 037-add-sms-messages-lead-id-index.js (up: addIndex(sms_messages)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 037-add-sms-messages-lead-id-index.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 37;
