"""extract: entities, quotes with speakers, numeric claims and time expressions."""
