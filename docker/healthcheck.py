"""Exit 0 when the web container's /healthz answers 200, 1 otherwise.

Run by the web service's healthcheck in docker-compose.yml. It asks gunicorn
directly, as the reverse proxy would: with a Host that ALLOWED_HOSTS accepts
and X-Forwarded-Proto: https (honoured when BEHIND_PROXY is true), so that
neither the host check nor the HTTPS redirect answers in place of the view.
Redirects are not followed: a redirect means the deployment is misconfigured.
"""

import http.client
import os
import sys

PORT = 8000


def allowed_host() -> str:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    first = next((h for h in hosts if h), "localhost")
    # ".example.org" allows example.org and its subdomains; "*" allows any.
    return "localhost" if first == "*" else first.lstrip(".")


def main() -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    try:
        connection.request(
            "GET",
            "/healthz",
            headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"},
        )
        status = connection.getresponse().status
    except OSError as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"healthz: HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
