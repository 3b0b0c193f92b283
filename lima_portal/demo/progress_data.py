"""Demo progress for `make run`: three cycles, reports in every workflow state."""

import math
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Participant
from mandates.models import Indicator, Mandate
from progress.indicators import clean_value, number_bounds
from progress.models import (
    Evidence,
    ImplementationLevel,
    ProgressReport,
    ReportingCycle,
    ReportTransition,
)

Status = ProgressReport.Status
LEVELS = [level for level in ImplementationLevel.values if level != "not_applicable"]
ACTIONS = {
    "en": "A national working group reviewed the legal framework "
    "and adopted an action plan with {n} measures.",
    "es": "Un grupo de trabajo nacional revisó el marco jurídico "
    "y adoptó un plan de acción con {n} medidas.",
    "pt": "Um grupo de trabalho nacional revisou o marco jurídico "
    "e adotou um plano de ação com {n} medidas.",
    "fr": "Un groupe de travail national a examiné le cadre juridique "
    "et adopté un plan d'action de {n} mesures.",
}
LANGUAGE_OF = {
    "ARG": "es",
    "BRA": "pt",
    "HTI": "fr",
    "CAN": "en",
    "JAM": "en",
    "MEX": "es",
    "OAS": "en",
}


def _answer(indicator: Indicator, rng: random.Random):
    """A plausible answer, as a person's would be stored: made within the
    indicator's bounds and passed through the same check (clean_value), which
    refuses it if it is not (a demo that broke the rules would show pages no
    person could produce). Optional questions are sometimes left blank."""
    if indicator.is_optional and rng.random() < 0.3:
        return None
    if indicator.kind == Indicator.Kind.BOOLEAN:
        raw = rng.random() < 0.7
    elif indicator.kind in (Indicator.Kind.NUMBER, Indicator.Kind.PERCENTAGE):
        low, high = number_bounds(indicator)
        if indicator.kind == Indicator.Kind.PERCENTAGE:
            low = min(max(low, 10), high)  # few programmes reach under 10 %
        raw = rng.randint(math.ceil(low), math.floor(min(high, 400)))
    elif indicator.kind == Indicator.Kind.CHOICE:
        raw = rng.choice([c.value for c in indicator.choices.all()])
    else:
        raw = "Ley 27.275 (2016)"
    return clean_value(indicator, raw)


def _content(participant, mandate, indicators, rng) -> dict:
    language = LANGUAGE_OF.get(participant.code, "es" if rng.random() < 0.5 else "en")
    answers = {
        i.code: _answer(i, rng)
        for i in indicators
        if i.applies_to_kind(participant.kind)
    }
    return {
        "implementation_level": rng.choice(LEVELS),
        "actions_taken": ACTIONS[language].format(n=rng.randint(2, 12)),
        "language": language,
        "indicator_values": {
            code: value for code, value in answers.items() if value is not None
        },
    }


def demo_cycles(today) -> list[ReportingCycle]:
    cycles = []
    for years_back in (2, 1, 0):
        opens = today - timedelta(days=120 + 365 * years_back)
        cycle, _created = ReportingCycle.objects.get_or_create(
            name=str(opens.year),
            defaults={
                "opens_on": opens,
                "due_on": opens + timedelta(days=150),
                "closes_on": opens + timedelta(days=190),
            },
        )
        cycles.append(cycle)
    return cycles


def _record(report, path, *, focal, secretariat, when, comment=""):
    """Store the report and the transitions that brought it to its state, one
    day apart; its dates of submission and publication are those of its
    transitions, as report_submit and report_publish set them."""
    steps = list(zip(path, path[1:], strict=False))
    moments = [when + timedelta(days=step) for step in range(len(steps))]
    for (_before, after), moment in zip(steps, moments, strict=True):
        if after == Status.SUBMITTED:
            report.submitted_by, report.submitted_at = focal, moment
        if after == Status.PUBLISHED:
            report.published_at = moment
    report.save()
    for (before, after), moment in zip(steps, moments, strict=True):
        ReportTransition.objects.create(
            report=report,
            actor=focal if after == Status.SUBMITTED else secretariat,
            from_status=before,
            to_status=after,
            comment=comment if after == Status.RETURNED else "",
            created_at=moment,
        )


PATHS = {
    Status.DRAFT: [Status.DRAFT],
    Status.SUBMITTED: [Status.DRAFT, Status.SUBMITTED],
    Status.RETURNED: [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
    Status.VALIDATED: [Status.DRAFT, Status.SUBMITTED, Status.VALIDATED],
    Status.PUBLISHED: [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.VALIDATED,
        Status.PUBLISHED,
    ],
}
RETURN_COMMENT = (
    "Please attach the text of the law you mention and give the number of "
    "requests answered within the legal deadline."
)


@dataclass
class DemoRun:
    """What every demo report of one run shares."""

    indicators: dict[int, list[Indicator]]
    rng: random.Random
    # Its own sequence, so that giving needs leaves the other choices as they were.
    needs_rng: random.Random
    secretariat: object
    now: datetime


@transaction.atomic
def demo_progress(
    *,
    focal_points: dict,
    secretariat,
    seed: int = 2018,
    participant_codes: list[str] | None = None,
) -> int:
    """Create demo reports. `focal_points` maps participant codes to users;
    `participant_codes` narrows the random reports to a few participants (the
    showcase reports of ARG, OAS and JAM are always made)."""
    indicators: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(is_active=True).prefetch_related(
        "choices"
    ):
        indicators.setdefault(indicator.mandate_id, []).append(indicator)
    run = DemoRun(
        indicators=indicators,
        rng=random.Random(seed),  # noqa: S311 - demo data, not secrets
        needs_rng=random.Random(seed),  # noqa: S311
        secretariat=secretariat,
        now=timezone.now(),
    )
    cycles = demo_cycles(timezone.localdate())
    mandates = list(Mandate.objects.order_by("number"))
    created = 0
    for cycle in cycles:
        current = cycle is cycles[-1]
        for participant in _participants(participant_codes):
            if current and participant.code in SHOWCASE:
                continue  # their current reports are set out by _showcase
            focal = focal_points.get(participant.code, secretariat)
            for mandate in mandates:
                if run.rng.random() > (0.35 if current else 0.6):
                    continue
                status = (
                    Status.PUBLISHED
                    if not current or run.rng.random() < 0.6
                    else run.rng.choice(list(PATHS))
                )
                _demo_report(run, participant, mandate, cycle, status, focal)
                created += 1
    return created + _showcase(run, cycles[-1], mandates, focal_points)


def _participants(codes: list[str] | None):
    participants = Participant.objects.order_by("pk")
    return participants.filter(code__in=codes) if codes is not None else participants


def _started_at(run: DemoRun, cycle) -> datetime:
    """When a demo draft was started: within the cycle, before its due date,
    and early enough that its transitions, a day apart, are all past."""
    day = cycle.opens_on + timedelta(days=run.rng.randint(5, 100))
    started = timezone.make_aware(datetime.combine(day, time(10)))
    return min(started, run.now - timedelta(days=5))


def _demo_report(run: DemoRun, participant, mandate, cycle, status, focal) -> None:
    indicators = run.indicators.get(mandate.pk, [])
    report = ProgressReport(
        participant=participant,
        mandate=mandate,
        cycle=cycle,
        status=status,
        updated_by=focal,
        **_content(participant, mandate, indicators, run.rng),
    )
    if status == Status.RETURNED:
        report.assistance_type = "technical_assistance"
        report.assistance_description = (
            "Support to design a monitoring system for the national "
            "anti-corruption plan."
        )
    elif status == Status.PUBLISHED and run.needs_rng.random() < NEEDS_SHARE:
        # Part of the report from its first version, as a focal point writes
        # it: a published report is never edited afterwards.
        need = run.needs_rng.choice(NEEDS.get(report.language, NEEDS["en"]))
        report.assistance_type, report.assistance_description = need
    started = _started_at(run, cycle)
    report._history_date = started  # its first version, before any transition
    _record(
        report,
        PATHS[status],
        focal=focal,
        secretariat=run.secretariat,
        when=started + timedelta(days=1),
        comment=RETURN_COMMENT,
    )
    if status == Status.PUBLISHED and run.rng.random() < 0.4:
        Evidence.objects.create(
            report=report,
            title=f"Official gazette, {participant.code} {cycle.name}",
            url=f"https://example.org/{participant.code.lower()}/gazette/{mandate.number}",
            is_public=True,
            added_by=focal,
        )


# For the demo focal points: reports in each state of the workflow, in order
# from mandate 13 on, so that every state can be seen in their workspace.
SHOWCASE = {
    "ARG": [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.VALIDATED,
        Status.PUBLISHED,
        Status.PUBLISHED,
    ],
    "OAS": [Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED],
    "JAM": [Status.RETURNED, Status.DRAFT],
}


def _showcase(run: DemoRun, cycle, mandates, focal_points) -> int:
    created = 0
    for code, statuses in SHOWCASE.items():
        participant = Participant.objects.get(code=code)
        focal = focal_points.get(code, run.secretariat)
        for mandate, status in zip(mandates[12:], statuses, strict=False):
            _demo_report(run, participant, mandate, cycle, status, focal)
            created += 1
    return created


# The share of published reports that state a need for technical assistance,
# in their language (the cooperation pages match them with capacities).
NEEDS_SHARE = 0.08
NEEDS = {
    "en": [
        ("training", "Training for auditors to verify asset declarations."),
        ("technical_assistance", "Support to design e-procurement with open data."),
        ("tools", "A guide to set up a register of beneficial ownership."),
        ("expert_exchange", "Experts on the protection of whistleblowers."),
    ],
    "es": [
        ("training", "Capacitación de auditores en declaraciones juradas."),
        ("technical_assistance", "Asistencia técnica en contrataciones públicas."),
        ("funding", "Fondos para una plataforma de datos abiertos sobre corrupción."),
        (
            "expert_exchange",
            "Intercambio de expertos sobre protección de denunciantes.",
        ),
    ],
    "pt": [
        (
            "technical_assistance",
            "Apoio para criar o registro de beneficiários finais.",
        ),
        ("training", "Capacitação de servidores em conflitos de interesses."),
    ],
    "fr": [
        ("tools", "Un guide sur les déclarations de patrimoine des agents publics."),
        ("training", "Formation des magistrats sur le blanchiment de capitaux."),
    ],
}
