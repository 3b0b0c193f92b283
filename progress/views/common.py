"""Helpers shared by the progress pages."""

from django.contrib import messages


def show_errors(request, error) -> None:
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


def chosen_cycle(request, cycles):
    cycle_id = request.GET.get("cycle", "")
    return cycles.filter(pk=cycle_id).first() if cycle_id.isdigit() else None
