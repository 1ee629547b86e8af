"""Quality measurement against gold data (events, dates, places)."""
