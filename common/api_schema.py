"""The API schema names every answer an endpoint gives, its errors included.

drf-spectacular documents the answers it sees in each view; the errors come
from DRF itself and are the same everywhere: a wrong token or session (401),
too many requests or a locked-out client (429), a malformed query or body
(400), a record that does not exist or is not yours, or a page past the last
(404), a write you may not make (403). They are added here, once, from what
the operation takes, so that a new endpoint is documented truthfully too; the
schema fuzzing test (tests/lima_portal/test_api_fuzz.py) holds every answer
to this schema.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# DRF's validation errors: messages by field (nested for nested data), a list
# of messages, or {"detail": ...} for a body that is not valid JSON.
VALIDATION_ERROR = {
    "oneOf": [
        {"type": "object", "additionalProperties": {}},
        {"type": "array", "items": {"type": "string"}},
    ]
}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class PortalAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        schemas = {
            "error": self._component("Error", ERROR),
            "invalid": self._component("ValidationError", VALIDATION_ERROR),
        }
        for code, description, kind in errors(operation, method):
            operation["responses"].setdefault(
                str(code),
                {
                    "description": description,
                    "content": {"application/json": {"schema": schemas[kind]}},
                },
            )
        return operation

    def _component(self, name: str, schema: dict) -> dict:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
        )
        self.registry.register_on_missing(component)
        return component.ref


def errors(operation: dict, method: str):
    """(status, description, "error" or "invalid") that DRF may answer here."""
    parameters = operation.get("parameters", [])
    where = {p["in"] for p in parameters}
    paginated = any(p["name"] == "page" for p in parameters)
    has_body = "requestBody" in operation
    if "query" in where or has_body:
        yield 400, "The query or the body is not valid.", "invalid"
    yield 401, "The token or the session is not valid.", "error"
    if method.upper() not in SAFE_METHODS:
        yield 403, "You may not make this change.", "error"
    if "path" in where or paginated or has_body:
        yield 404, "No such record, or not yours; or no such page.", "error"
    yield 429, "Too many requests, or too many failed sign-ins.", "error"
