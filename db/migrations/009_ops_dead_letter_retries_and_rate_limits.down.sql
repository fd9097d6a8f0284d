DROP TABLE api_key_rate_limits;
DROP TABLE projector_dead_letter_retries;
