"""The public read side: catalogue pages with published progress, dashboards,
open data and the public API.

It reads through the selectors and QuerySet methods of the apps below it
(progress, accounts, mandates) and never writes. It sits above them so that a
public page can put side by side what several apps hold.
"""
