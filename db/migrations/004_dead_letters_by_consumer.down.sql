DROP INDEX projector_dead_letters_by_group;
ALTER TABLE projector_dead_letters
  DROP COLUMN read_model_schema,
  DROP COLUMN consumer_group;
