#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lima_portal.settings")
    from django.core.management import execute_from_command_line

    from lima_portal.env import ConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        sys.exit(f"Configuration error: {error}")


if __name__ == "__main__":
    main()
