-- Outcomes of `projector dead-letters retry`, per consumer group: the CLI is a short-lived process,
-- so it counts here and every projector exports the counts as projector_dead_letter_retries_total.
CREATE TABLE projector_dead_letter_retries (
  consumer_group TEXT NOT NULL,
  outcome TEXT NOT NULL,
  count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (consumer_group, outcome)
);
