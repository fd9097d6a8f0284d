-- Several projectors (consumer groups, each with its read model schema) can share the dead-letter table.
ALTER TABLE projector_dead_letters
  ADD COLUMN consumer_group TEXT,
  ADD COLUMN read_model_schema TEXT;
CREATE INDEX projector_dead_letters_by_group ON projector_dead_letters (consumer_group, id);
