-- 036-create-sms-messages: the SQL twin of the Sequelize migration 036-create-sms-messages.js (up: createTable(sms_messages)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 036-create-sms-messages.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 36;
