"""One spelling of an email address for every check that compares addresses.

The account lookup, the stored address, the lock-out key and the reset limits
all go through normalise_email, so that no two of them can disagree about
whether two spellings are the same person (they once did: PostgreSQL's
case-insensitive match took a dotless "ı" for an "i", the lock-out did not).
"""

import unicodedata


def normalise_email(address: str) -> str:
    """NFKC, case folded, NFKC again (Unicode's NFKC_Casefold), trimmed.

    Folding can undo a composition ("İ" folds to "i" plus a combining dot), so
    the result is composed once more. No look-alike letter is mapped to
    another: "admın@…" (dotless ı) stays a different address from "admin@…",
    so it can neither reach that account nor count against its lock-out.
    """
    composed = unicodedata.normalize("NFKC", address.strip())
    return unicodedata.normalize("NFKC", composed.casefold())
