DROP TABLE attachment_uploads;
