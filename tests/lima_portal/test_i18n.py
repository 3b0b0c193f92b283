"""The interface translations: complete, well formed, compiled, and served.

Only polib reads the catalogues here, never GNU gettext, so these tests run on
machines without msgfmt. They hold whatever strings the catalogues contain, so
they keep passing after `make messages` once the new strings are translated.
"""

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

# One rule per language, the same in every catalogue of that language.
PLURAL_FORMS = {
    "es": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n > 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}
LANGUAGES = sorted(PLURAL_FORMS)

# printf-style conversions as Python's % operator reads them; %% is a literal.
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)
NAMED_PLACEHOLDER = re.compile(r"%\((?P<name>[^)]*)\)")
NO_BREAK_SPACES = "\u00a0\u202f"


def catalogue(language: str, kind: str = "po") -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"django.{kind}"


def entries(po: polib.POFile) -> list[polib.POEntry]:
    """The live entries; msgfmt leaves out obsolete ones, and so do we."""
    return [entry for entry in po if not entry.obsolete]


def describe(entry: polib.POEntry) -> str:
    where = ", ".join(path for path, _line in entry.occurrences)
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r} ({where})"


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Named placeholders (any order, any number of uses) and positional ones
    (their conversions, in order), as the % operator would consume them."""
    named, positional = set(), []
    for match in PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named.add(f"%({match['name']}){match['type']}")
        else:
            positional.append(f"%{match['type']}")
    return frozenset(named), tuple(positional)


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture
def po(language) -> polib.POFile:
    return polib.pofile(str(catalogue(language)))


# --- The catalogues ------------------------------------------------------------


def test_every_interface_language_but_the_default_has_a_catalogue():
    translated = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert translated == set(PLURAL_FORMS)
    for language in translated:
        assert catalogue(language, "po").is_file(), language
        assert catalogue(language, "mo").is_file(), language


def test_catalogue_header(po, language):
    assert not po.metadata_is_fuzzy, "msgfmt drops a fuzzy header, Plural-Forms too"
    assert po.metadata["Project-Id-Version"] == "lima-portal"
    assert po.metadata["Language"] == language
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    plural_forms = " ".join(po.metadata["Plural-Forms"].split()).rstrip(";") + ";"
    assert plural_forms == PLURAL_FORMS[language]


def test_every_message_is_translated(po, language):
    nplurals = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[language])[1])
    live = entries(po)
    assert any(entry.msgid == "Skip to main content" for entry in live)
    problems = []
    for entry in live:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {describe(entry)}")
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(nplurals)):
            problems.append(f"needs {nplurals} plural forms: {describe(entry)}")
        if not all(text.strip() for text in translations(entry)):
            problems.append(f"untranslated: {describe(entry)}")
    assert not problems, "\n".join(problems)


def wrong_placeholders(entry: polib.POEntry) -> list[str]:
    """The translations of an entry whose placeholders differ from its source."""
    forms = translations(entry)
    if "python-format" not in entry.flags:
        # Not a format string: a translation must not bring in a %(name)s.
        source = set(NAMED_PLACEHOLDER.findall(entry.msgid))
        return [t for t in forms if set(NAMED_PLACEHOLDER.findall(t)) - source]
    named, positional = placeholders(entry.msgid_plural or entry.msgid)
    wrong = []
    for index, text in enumerate(forms):
        text_named, text_positional = placeholders(text)
        # A plural form other than the last may leave the count out ("un jour"),
        # but may not use a name that the code does not pass.
        partial = bool(entry.msgid_plural) and index < len(forms) - 1
        if text_positional != positional or not (
            text_named == named or (partial and text_named <= named)
        ):
            wrong.append(text)
    return wrong


def test_placeholders_of_each_translation_match_its_source(po):
    problems = [
        f"{describe(entry)}: {text!r}"
        for entry in entries(po)
        for text in wrong_placeholders(entry)
    ]
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_french_puts_a_no_break_space_before_high_punctuation():
    po = polib.pofile(str(catalogue("fr")))
    problems = []
    for entry in entries(po):
        for text in translations(entry):
            # ": " or a final "?" not glued to the word before by a no-break space;
            # "https://" and "10:30" are left alone.
            for match in re.finditer(r"(.)([:;?!])(?=\s|$)", text):
                if match[1] not in NO_BREAK_SPACES:
                    problems.append(f"{describe(entry)}: {text!r}")
                    break
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_is_up_to_date_with_the_po(po, language):
    mo = polib.mofile(str(catalogue(language, "mo")))

    def as_dict(messages, *, from_po: bool) -> dict:
        compiled = {}
        for entry in messages:
            if from_po and ("fuzzy" in entry.flags or not entry.translated()):
                continue  # msgfmt leaves these out
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
            compiled[key] = tuple(translations(entry))
        return compiled

    expected = as_dict(entries(po), from_po=True)
    actual = as_dict(mo, from_po=False)
    stale = sorted(
        (
            key
            for key in expected.keys() | actual.keys()
            if expected.get(key) != actual.get(key)
        ),
        key=str,
    )
    assert not stale, (
        f"locale/{language}/LC_MESSAGES/django.mo differs from the .po; run "
        "`manage.py compilemessages` and commit the .mo. First differences: "
        + "; ".join(repr(key[1]) for key in stale[:5])
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata["Plural-Forms"]


# --- The pages -----------------------------------------------------------------


class Page(HTMLParser):
    """The bits of a page these tests look at: <html lang> and every link."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.links: list[dict] = []
        self.navs: list[str | None] = []
        self._link = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "nav":
            self.navs.append(attrs.get("aria-label"))
        elif tag == "a":
            nav = self.navs[-1] if self.navs else None
            self._link = {"attrs": attrs, "text": "", "nav": nav}
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "nav" and self.navs:
            self.navs.pop()
        elif tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data

    def link(self, **attrs) -> dict:
        found = [
            link
            for link in self.links
            if all(
                value in link["attrs"].get(name, "").split()
                if name == "class"
                else link["attrs"].get(name) == value
                for name, value in attrs.items()
            )
        ]
        assert len(found) == 1, f"expected one link with {attrs}, found {len(found)}"
        link = found[0]
        return {**link, "text": " ".join(link["text"].split())}


SKIP_LINK = {
    "es": "Saltar al contenido principal",
    "pt": "Ir para o conteúdo principal",
    "fr": "Aller au contenu principal",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_speaks_the_language_of_its_address(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    content = response.content.decode()
    page = Page(content)
    assert page.lang == language
    assert page.link(**{"class": "skip-link"})["text"] == SKIP_LINK[language]
    assert "Skip to main content" not in content


@pytest.mark.django_db
def test_mandate_page_in_spanish_shows_the_spanish_topic(client):
    response = client.get("/es/mandates/2/")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Autonomía e independencia judicial" in content
    assert "Judicial autonomy and independence" not in content
    assert "Mandato 2" in content  # from the catalogue, not the database
    assert "Mandate 2" not in content


@pytest.mark.django_db
def test_language_switcher_leads_to_the_same_page_in_french(client):
    page = Page(client.get("/es/mandates/").content.decode())
    assert page.lang == "es"
    french = page.link(hreflang="fr")
    assert french["nav"] == "Idioma"  # the switcher's label, in Spanish
    assert french["attrs"]["href"] == "/fr/mandates/"
    assert french["attrs"]["lang"] == "fr"
    assert french["text"] == "Français"

    response = client.get(french["attrs"]["href"])
    assert response.status_code == 200
    content = response.content.decode()
    assert Page(content).lang == "fr"
    assert "Les mandats de l'Engagement de Lima" in html.unescape(content)
