"""Demo good practices, capacities and cooperation for `make run`.

A few hundred practices and dozens of capacities in the four languages, spread
over participants, mandates and years, so that the search facets mean
something. Rows are bulk-inserted and the search vectors built in a few
UPDATEs (good_practices.search.search_vectors_write), so the demo loads in
about a second.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from psycopg2.extras import execute_values

from accounts.models import Participant
from good_practices.models import (
    Contribution,
    CooperationInitiative,
    GoodPractice,
    RegionalCapacity,
    Subregion,
)
from good_practices.search import search_document, search_vectors_write
from good_practices.selectors import capacities_for_needs
from mandates.models import Mandate
from progress.models import SupportType
from progress.selectors import assistance_needs

from .practices_text import (
    CAPACITY_SUMMARIES,
    CAPACITY_TITLES,
    HOW_TO_REQUEST,
    INSTITUTIONS,
    LANGUAGE_INDEX,
    PRACTICE_TITLES,
    RESULTS,
    SENTENCES,
    SUMMARIES,
    TOPICS,
)

Status = Contribution.Status
SPANISH = "ARG BOL CHL COL CRI CUB DOM ECU GTM HND MEX NIC PAN PER PRY SLV URY VEN"
LANGUAGE_OF_STATE = dict.fromkeys(SPANISH.split(), "es") | {
    "BRA": "pt",
    "HTI": "fr",
}
CAPACITY_STATES = ["BRA", "CAN", "CHL", "COL", "MEX", "USA", "ARG"]


def language_for(participant: Participant, rng: random.Random) -> str:
    """States mostly write in their language; entities in any of the four."""
    if participant.code == "CAN":
        return rng.choice(["en", "fr"])
    if participant.is_state:
        own = LANGUAGE_OF_STATE.get(participant.code, "en")
        return own if rng.random() < 0.85 else "en"
    return rng.choices(["en", "es", "pt", "fr"], weights=[4, 3, 2, 2])[0]


def practice_text(rng: random.Random, language: str) -> dict:
    """Title, texts, period and mandate numbers of one plausible practice."""
    phrases, mandates = rng.choice(TOPICS)
    topic = phrases[LANGUAGE_INDEX[language]]
    institution, by = rng.choice(INSTITUTIONS[language])
    start = rng.randint(2012, 2023)
    end = rng.choice([None, start + rng.randint(0, 3)])
    n = rng.randint(12, 900)
    fill = {"topic": topic, "topic_cap": topic[0].upper() + topic[1:], "by": by}
    fill |= {"n": n, "year": end or start + 1}
    sentences = rng.sample(SENTENCES[language], k=rng.randint(3, 5))
    a = rng.randint(20, 60)
    return {
        "title": rng.choice(PRACTICE_TITLES[language]).format(**fill),
        "summary": rng.choice(SUMMARIES[language]).format(**fill),
        "description": " ".join(s.format(**fill) for s in sentences),
        "institution": institution,
        "start_year": start,
        "end_year": end,
        "results": RESULTS[language].format(
            a=a, b=a + rng.randint(5, 35), y1=start, y2=(end or start) + 1
        ),
        "mandates": rng.sample(mandates, k=rng.randint(1, len(mandates))),
    }


def capacity_text(rng: random.Random, language: str, support_type: str) -> dict:
    phrases, mandates = rng.choice(TOPICS)
    topic = phrases[LANGUAGE_INDEX[language]]
    sentences = rng.sample(SENTENCES[language], k=3)
    return {
        "title": CAPACITY_TITLES[language][support_type].format(topic=topic),
        "summary": CAPACITY_SUMMARIES[language].format(topic=topic),
        "description": " ".join(s.format(topic=topic, n=40) for s in sentences),
        "how_to_request": HOW_TO_REQUEST[language].format(n=rng.choice([10, 15, 30])),
        "mandates": mandates,
    }


def insert_children(model, records) -> None:
    """Insert the child rows of multi-table records whose parents exist.

    bulk_create() refuses multi-table inheritance; one INSERT per batch does.
    """
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    rows = [
        [f.get_db_prep_save(getattr(r, f.attname), connection) for f in fields]
        for r in records
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        execute_values(
            # Table and columns come from the model's own definition.
            cursor.cursor,
            f"INSERT INTO {table} ({columns}) VALUES %s",  # noqa: S608
            rows,
        )


def bulk_create_contributions(model, records, mandates_of: dict) -> None:
    """Parents, children, mandate links and search vectors, in a few queries."""
    parent_fields = [
        f.attname for f in Contribution._meta.concrete_fields if not f.primary_key
    ]
    parents = Contribution.objects.bulk_create(
        [Contribution(**{a: getattr(r, a) for a in parent_fields}) for r in records]
    )
    for record, parent in zip(records, parents, strict=True):
        record.pk = parent.pk
    insert_children(model, records)
    Link = Contribution.mandates.through
    Link.objects.bulk_create(
        Link(contribution_id=r.pk, mandate_id=m)
        for i, r in enumerate(records)
        for m in mandates_of[i]
    )
    search_vectors_write([(r.pk, r.language, *search_document(r)) for r in records])


def _workflow(record, status, *, when, author, secretariat) -> None:
    record.status = status
    if status != Status.DRAFT:
        record.submitted_at, record.submitted_by = when, author
    if status in (Status.PUBLISHED, Status.DECLINED):
        record.decided_at, record.decided_by = when + timedelta(days=9), secretariat
    if status == Status.PUBLISHED:
        record.published_at = record.decided_at
    if status == Status.DECLINED:
        record.decline_reason = (
            "Please add figures on the results and a link to the evaluation."
        )


def _status(rng, participant, focal_points) -> str:
    if participant.code in focal_points and rng.random() < 0.3:
        return rng.choice([Status.DRAFT, Status.SUBMITTED, Status.DECLINED])
    return Status.PUBLISHED if rng.random() < 0.95 else Status.SUBMITTED


@transaction.atomic
def demo_good_practices(
    *, focal_points: dict, secretariat, seed: int = 2018, practices: int = 320
) -> int:
    """Create demo practices, capacities and initiatives; returns the record count."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    mandates = {m.number: m.pk for m in Mandate.objects.all()}
    participants = list(Participant.objects.all())
    now = timezone.now()
    records, links = [], []
    for _ in range(practices):
        participant = rng.choice(participants)
        language = language_for(participant, rng)
        text = practice_text(rng, language)
        links.append([mandates[n] for n in text.pop("mandates")])
        practice = GoodPractice(
            kind=Contribution.Kind.PRACTICE,
            participant=participant,
            language=language,
            created_by=focal_points.get(participant.code, secretariat),
            contact_email=f"integrity@{participant.code.lower()}.example.org",
            **text,
        )
        _workflow(
            practice,
            _status(rng, participant, focal_points),
            when=now - timedelta(days=rng.randint(15, 6 * 365)),
            author=practice.created_by,
            secretariat=secretariat,
        )
        records.append(practice)
    bulk_create_contributions(GoodPractice, records, dict(enumerate(links)))
    capacities = demo_capacities(rng, participants, mandates, focal_points, secretariat)
    demo_initiatives(secretariat)
    return len(records) + len(capacities)


def demo_capacities(rng, participants, mandates, focal_points, secretariat):
    providers = [p for p in participants if not p.is_state] + [
        p for p in participants if p.code in CAPACITY_STATES
    ]
    states = [p for p in participants if p.is_state]
    now = timezone.now()
    records, links = [], []
    for index in range(48):
        participant = providers[index % len(providers)]
        language = language_for(participant, rng)
        support_type = rng.choice(SupportType.values)
        text = capacity_text(rng, language, support_type)
        links.append([mandates[n] for n in text.pop("mandates")])
        capacity = RegionalCapacity(
            kind=Contribution.Kind.CAPACITY,
            participant=participant,
            language=language,
            support_type=support_type,
            subregions=rng.sample(Subregion.values, k=rng.randint(1, 2)),
            languages_offered=sorted({language, "en", rng.choice(["es", "pt", "fr"])}),
            created_by=focal_points.get(participant.code, secretariat),
            contact_email=f"cooperation@{participant.code.lower()}.example.org",
            **text,
        )
        _workflow(
            capacity,
            _status(rng, participant, focal_points),
            when=now - timedelta(days=rng.randint(15, 4 * 365)),
            author=capacity.created_by,
            secretariat=secretariat,
        )
        records.append(capacity)
    bulk_create_contributions(RegionalCapacity, records, dict(enumerate(links)))
    Country = RegionalCapacity.countries.through
    Country.objects.bulk_create(
        Country(regionalcapacity_id=capacity.pk, participant_id=state.pk)
        for capacity in records[::3]
        for state in rng.sample(states, k=3)
    )
    return records


def demo_initiatives(secretariat) -> None:
    """A few initiatives on published needs, in every status."""
    needs = list(assistance_needs(user=secretariat).published()[:10])
    fits = capacities_for_needs(needs, per_need=1)
    statuses = CooperationInitiative.Status.values
    initiatives = [
        CooperationInitiative(
            need=need,
            capacity=fits[need.pk][0][0],
            status=statuses[index % len(statuses)],
            note="Agreed at the meeting of the JSWG.",
            created_by=secretariat,
            updated_by=secretariat,
        )
        for index, need in enumerate(needs)
        if fits.get(need.pk)
    ]
    # Loading the demo twice adds no duplicate.
    CooperationInitiative.objects.bulk_create(initiatives, ignore_conflicts=True)
