import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents: the key for sorting and matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
