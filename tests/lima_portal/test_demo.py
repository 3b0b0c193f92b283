import pytest
from django.db.models import Count

from good_practices.models import Contribution
from good_practices.search import SearchFilters, search_facets, search_results
from lima_portal.demo.practices import demo_good_practices

pytestmark = pytest.mark.django_db


def test_demo_spreads_searchable_records_over_languages_and_participants(
    focal, secretariat, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        created = demo_good_practices(
            focal_points={"ARG": focal}, secretariat=secretariat, practices=200
        )
    assert created == 248
    published = Contribution.objects.published()
    languages = dict(published.values_list("language").annotate(n=Count("pk")))
    assert set(languages) == {"en", "es", "pt", "fr"}
    assert published.values("participant").distinct().count() > 30
    assert published.capacities().count() > 30
    spanish = search_results(SearchFilters(q="corrupcion", language=("es",)))
    assert spanish.exists()
    kinds = {f.name: f for f in search_facets(SearchFilters())}["kind"]
    assert sum(v.count for v in kinds.values) == published.count()
