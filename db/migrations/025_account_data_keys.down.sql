DROP TRIGGER account_data_key_changed ON account_data_keys;
DROP FUNCTION notify_account_data_key_changed();
DROP TABLE account_data_keys;
