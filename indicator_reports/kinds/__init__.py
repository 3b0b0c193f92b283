"""The four indicator reports of the secretariat, one module each.

Every kind reads the reports through ReportParams and streams them with
`iterator(chunk_size=...)`; what it keeps in memory is reference data (cycles,
participants, mandates, indicators), whose size does not depend on the number
of reports.
"""
