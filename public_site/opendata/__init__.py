"""Open data: published reports as files, the public list, the data dictionary.

Everything here starts from `published_reports()`, so no draft, submitted,
returned or validated report can reach a public page, file or API response.
"""
