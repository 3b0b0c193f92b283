"""Addresses without paying a `reverse` for each one."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_PLACEHOLDER = "999999999"  # fits the int and str converters alike


def address_maker(viewname: str):
    """A function of one argument to the address of `viewname`, from a single
    `reverse`: for lists of dozens of links, where a `reverse` per link is
    most of the page's cost."""
    before, after = reverse(viewname, args=[_PLACEHOLDER]).split(_PLACEHOLDER)
    return lambda arg: f"{before}{arg}{after}"


def remembered_reverse(view_name, args=(), kwargs=(), current_app=None) -> str:
    """reverse(), remembered for the life of the process.

    A `reverse` costs some 70 µs and a public page has 20 to 40 of them. What
    it answers depends only on the URLconf, which does not change while the
    process runs, and on the arguments, the active language, the script prefix
    and the current application: all of them are the key. `args` and `kwargs`
    (as pairs) must be hashable. A failed reverse raises and is not kept.
    """
    return _reverse(
        view_name,
        tuple(args),
        tuple(kwargs),
        current_app,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
    )


@lru_cache(maxsize=8192)
def _reverse(view_name, args, kwargs, current_app, _language, _prefix, urlconf):
    return reverse(
        view_name,
        urlconf=urlconf,
        args=args,
        kwargs=dict(kwargs),
        current_app=current_app,
    )
