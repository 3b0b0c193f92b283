from .participants import participant_list

__all__ = ["participant_list"]
