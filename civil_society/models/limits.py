"""Length limits of what people write, checked by forms and services alike."""

DESCRIPTION_LIMIT = 2000
OBSERVATION_LIMIT = 6000
REPLY_LIMIT = 4000
REASON_LIMIT = 2000
