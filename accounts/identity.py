"""Who is signed in, as the page header says it: a name and the participants.

Every demo account's first name is "Demo", so the first name alone told
nobody which account was in use. The participants' names are read once, at
sign-in, and kept in the session in every language: the header of each page
then costs no query. A membership added or removed meanwhile shows at the
person's next sign-in (what they may do is always checked afresh).
"""

from common.languages import active_language, language_codes

from .selectors import participants_for

SESSION_KEY = "signed_in_for"


def remember_participants(sender, request, user, **kwargs) -> None:
    """Connected to user_logged_in: the names of the person's participants."""
    if request is None or not hasattr(request, "session"):
        return
    participants = list(participants_for(user, contributing=True))
    request.session[SESSION_KEY] = {
        code: [_name_in(p, code) for p in participants] for code in language_codes()
    }


def _name_in(participant, language: str) -> str:
    # English where the language has no name, as modeltranslation shows it.
    return getattr(participant, f"name_{language}", "") or participant.name_en


def participant_names(session) -> str:
    """The signed-in person's participants in the active language ("" if none)."""
    names = (session.get(SESSION_KEY) or {}).get(active_language(), [])
    return ", ".join(names)
