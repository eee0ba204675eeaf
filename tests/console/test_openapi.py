"""console/openapi.json describes exactly the API the console serves: every route under /api/
with its methods and path parameters, and no route the console does not serve, read from the
console app's own router so that a new route without its description fails here."""
from __future__ import annotations

import re

import requests

from concerns.evidence import KEPT_TYPES
from concerns.settings import Settings
from console.app import create_app

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def served_api_routes(tmp_path) -> set[tuple[str, str]]:
    """(method, path) of every API route, paths written as OpenAPI writes them ({reference})."""
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'cases.db'}"), name="openapi_routes")
    served = set()
    for route in app.router.routes:
        path = "/" + route.path.lstrip("/")
        if not path.startswith("/api/"):
            continue
        path = re.sub(r"<([^:>]+)(:[^>]*)?>", r"{\1}", path)
        served |= {(method.lower(), path) for method in route.methods if method.upper() not in ("HEAD", "OPTIONS")}
    return served


def described_routes(spec: dict) -> set[tuple[str, str]]:
    return {(method, path) for path, item in spec["paths"].items() for method in item if method in HTTP_METHODS}


def test_openapi_json_describes_every_api_route_and_no_other(console, tmp_path):
    spec = requests.get(console["url"] + "/api/openapi.json").json()
    served = served_api_routes(tmp_path)
    assert ("get", "/api/cases/{reference}/evidence/{token}") in served
    assert served == described_routes(spec), {"served, not described": served - described_routes(spec),
                                              "described, not served": described_routes(spec) - served}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"{(\w+)}", path)), (method, path)


def test_the_evidence_route_is_described_with_the_kinds_of_file_kept(console):
    spec = requests.get(console["url"] + "/api/openapi.json").json()
    evidence = spec["paths"]["/api/cases/{reference}/evidence/{token}"]["get"]
    assert set(evidence["responses"]["200"]["content"]) == set(KEPT_TYPES)
    assert {"401", "404"} <= set(evidence["responses"])
