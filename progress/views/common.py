"""Helpers shared by the progress pages."""


def chosen_cycle(request, cycles):
    cycle_id = request.GET.get("cycle", "")
    return cycles.filter(pk=cycle_id).first() if cycle_id.isdigit() else None
