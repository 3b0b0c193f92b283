"""The search document of a record and its stored vector, one per language."""

from django.db import connection

from common.text import fold

from ..models import SEARCH_CONFIGS, Contribution

# --- The search document -------------------------------------------------------------


def search_document(record: Contribution) -> tuple[str, str, str]:
    """The text a record is found by, folded, in three weights: A, B and C."""
    specific = record.specific
    body = [record.description]
    if record.is_practice:
        body += [specific.institution, specific.results]
    else:
        body += [specific.how_to_request]
    return fold(record.title), fold(record.summary), fold("\n".join(body))


# The document's vector: title weighs most (A), then summary (B), then the rest (C).
VECTOR_SQL = """
    setweight(to_tsvector(d.config::regconfig, d.title), 'A')
    || setweight(to_tsvector(d.config::regconfig, d.summary), 'B')
    || setweight(to_tsvector(d.config::regconfig, d.body), 'C')
"""


def vector_update_sql(source: str) -> str:
    """One UPDATE for any number of records (the ORM has no UPDATE ... FROM).

    `source` yields rows (id, config, title, summary, body) of folded text:
    a VALUES list here, a table filled by COPY in the benchmark.
    """
    return (
        "UPDATE good_practices_contribution AS c "  # noqa: S608 - no user input
        f"SET search_vector = {VECTOR_SQL} "
        f"FROM {source} AS d (id, config, title, summary, body) WHERE c.id = d.id"
    )


def search_vectors_write(documents: list[tuple[int, str, str, str, str]]) -> None:
    """Store the vectors of (pk, language, title, summary, body) documents.

    The texts must already be folded (see `search_document`); the language
    chooses the configuration. Used by the services for one record and by the
    demo for hundreds, so there is one definition of it.
    """
    batch = 2000
    for start in range(0, len(documents), batch):
        chunk = documents[start : start + batch]
        params = []
        for pk, language, title, summary, body in chunk:
            params += [pk, SEARCH_CONFIGS[language], title, summary, body]
        rows = ", ".join(["(%s::bigint, %s, %s, %s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(vector_update_sql(f"(VALUES {rows})"), params)


def search_vector_refresh(record: Contribution) -> None:
    search_vectors_write([(record.pk, record.language, *search_document(record))])


# --- What was asked ------------------------------------------------------------------
