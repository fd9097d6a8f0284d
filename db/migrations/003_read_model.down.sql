DROP TABLE projector_dead_letters;
DROP SCHEMA read_model CASCADE;
