"""The data dictionary: every column of every public file, for people and machines."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from common.exports import FORMATS, Column
from progress import export_columns as shared

from .datasets import DATASETS
from .observations import OBSERVATION_DATASETS

MATRIX_COLUMNS = [
    shared.CYCLE,
    shared.PARTICIPANT_CODE,
    shared.PARTICIPANT_NAME,
    shared.PARTICIPANT_KIND,
    Column(
        "mandate_<number>",
        _("Mandate <number>"),
        _(
            "One column per mandate shown: the implementation level of the "
            "participant's published report, empty if none is published."
        ),
    ),
]


# What common.exports.writers.neutralise does, said to the people who read the files.
CSV_FORMULA_NOTE = _(
    "In CSV files, a text that begins with =, +, -, @, a tab or a carriage "
    "return starts with an added apostrophe ('), so that a spreadsheet shows it "
    "as text and never runs it as a formula; a plain signed number such as -5 is "
    "left as it is. Remove that first apostrophe to get the text as it was written."
)


@dataclass(frozen=True)
class Described:
    key: str
    title: str
    description: str
    columns: list[Column]


def described_datasets() -> list[Described]:
    described = [
        Described(d.key, d.title, d.description, d.columns)
        for d in [*DATASETS.values(), *OBSERVATION_DATASETS.values()]
    ]
    described.append(
        Described(
            "matrix",
            _("Matrix of participants by mandates"),
            _(
                "What the progress matrix of the dashboards shows, downloaded from "
                "it: one row per participant, one column per mandate."
            ),
            MATRIX_COLUMNS,
        )
    )
    return described


def _field(column: Column) -> dict:
    return {
        "name": column.key,
        "title": str(column.label),
        "description": str(column.description),
        "type": column.type,
    }


def _resource_description(dataset: Described, fmt: str) -> str:
    if fmt == "csv":
        return f"{dataset.description} {CSV_FORMULA_NOTE}"
    return str(dataset.description)


def datapackage(*, url) -> dict:
    """A Frictionless Data Package; `url(key, fmt)` gives a file's address."""
    resources = []
    for dataset in described_datasets():
        schema = {"fields": [_field(column) for column in dataset.columns]}
        resources.extend(
            {
                "name": f"{dataset.key}-{fmt}",
                "title": str(dataset.title),
                "description": _resource_description(dataset, fmt),
                "path": url(dataset.key, fmt),
                "format": fmt,
                "schema": schema,
            }
            for fmt in FORMATS
        )
    return {
        "name": "lima-commitment-progress",
        "title": str(_("Lima Commitment follow-up: published progress")),
        "resources": resources,
    }
