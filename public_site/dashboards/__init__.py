"""Public dashboards of published progress: the matrix, progress by section,
charts per mandate and per participant. Only published reports count."""
