"""The four standard indicator reports of the secretariat.

Every kind reads the reports through ReportParams and streams them with
`iterator(chunk_size=...)`; what it keeps in memory is reference data (cycles,
participants, mandates, indicators), whose size does not depend on the number
of reports.
"""

from . import matrix, needs, timeliness, values

__all__ = ["matrix", "needs", "timeliness", "values"]
