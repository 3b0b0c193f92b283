"""Full-text search over the published good practices and regional capacities.

Only what a bare PostgreSQL has: the built-in text-search configurations
english, spanish, portuguese and french, and GIN indexes. No unaccent, no
pg_trgm.

- Accents and case are folded in Python (common.text.fold) where the
  search document is built, and the query is folded the same way, so
  "corrupcion" finds "corrupción".
- Each record's vector is built with the configuration of its own language,
  and a record is matched and ranked with the query parsed by that same
  configuration: a Spanish record is searched with 'spanish', an English one
  with 'english'. The typed query is parsed once per configuration and each
  reading is tried on the records of its language, so one query reaches
  records in every language (see `matching`).
- Facets count the records that the other facets leave: values within one
  facet add up (OR), facets narrow each other (AND).

The same `search_results` feeds the search page, the API and the benchmark;
the page bounds its work when a search has many matches (see `bounded`).
"""

from .bounded import SearchPage, search_page
from .documents import (
    search_document,
    search_vector_refresh,
    search_vectors_write,
    vector_update_sql,
)
from .facets import Facet, FacetValue, search_facets
from .filters import FACETS, SHOWN, MandateLink, SearchFilters
from .queries import (
    any_word_queries,
    matching,
    rank,
    search_results,
    text_queries,
)

__all__ = [
    "FACETS",
    "SHOWN",
    "Facet",
    "FacetValue",
    "MandateLink",
    "SearchFilters",
    "SearchPage",
    "any_word_queries",
    "matching",
    "rank",
    "search_document",
    "search_facets",
    "search_page",
    "search_results",
    "search_vector_refresh",
    "search_vectors_write",
    "text_queries",
    "vector_update_sql",
]
