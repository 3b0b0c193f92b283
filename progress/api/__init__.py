"""The progress part of /api/v1/: focal points' reports under /workspace/
(token), and the serializer base that the public API shares."""
