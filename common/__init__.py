"""Helpers that belong to no domain: the bottom of the project.

Nothing here imports an app of the portal; every app may import from here.
"""
