"""The progress part of /api/v1/: open data (read-only, published only), the
dashboards' aggregates, and focal points' drafts under /workspace/ (token)."""
