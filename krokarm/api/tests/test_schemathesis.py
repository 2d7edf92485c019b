"""API v1 fuzzed from its own OpenAPI document: no server errors, answers as documented, bad input refused.

Schemathesis reads /api/v1/openapi.json from the WSGI application in-process and
generates requests for every operation: valid ones (positive) and ones that break
the documented constraints (negative), and runs all its checks on every answer. The
seeded directory is visible through the `db` fixture, so the positive requests find
real regions, themes and actors. The
write operations are called with the token of an editor of the documented example
actor (Arbetsförmedlingen), so they are fuzzed past authentication too; the bad
requests are sent without one.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

OPENAPI = "/api/v1/openapi.json"
ERROR_KEYS = {"status", "code", "message", "details"}


def load_schema(*, modes: list[GenerationMode], max_examples: int, phases: list[str]) -> Any:
    config = schemathesis.Config(seed=20250101)
    project = config.projects.default
    # Unknown query parameters are ignored, as most HTTP APIs do; they are not "bad input".
    project.generation.update(
        modes=modes, max_examples=max_examples, deterministic=True, database="none", allow_extra_parameters=False
    )
    project.phases.update(phases=phases)
    # The document is read at collection, before the test settings apply: the handler is built under
    # settings that let the WSGI client's plain-HTTP "localhost" request through; its middleware
    # keeps them (no HTTPS redirect) for the requests the tests send.
    with override_settings(ALLOWED_HOSTS=["localhost"], SECURE_SSL_REDIRECT=False):
        return schemathesis.openapi.from_wsgi(OPENAPI, get_wsgi_application(), config=config)


schema = load_schema(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=50,
    phases=["examples", "coverage", "fuzzing"],
)
# Every text is a valid slug in the document, so GET /actors/{slug} has no bad input to generate.
bad_requests = load_schema(modes=[GenerationMode.NEGATIVE], max_examples=8, phases=["fuzzing"]).exclude(
    path="/api/v1/actors/{slug}", method="GET"
)


@pytest.fixture
def wsgi_in_test_transaction(db: Any, settings: Any) -> Iterator[None]:
    """Let plain WSGI requests see the seeded data in the test's transaction, as Django's test client does.

    Django closes "old" connections when a request starts and ends; inside the rolled-back test
    transaction that would close the connection under the test.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(wsgi_in_test_transaction: None) -> dict[str, str]:
    """An Authorization header for an editor of the actor the document gives as its example."""
    from krokarm.actors.tests.personas import person_at
    from krokarm.api.tests.helpers import AF, key_for

    return {"Authorization": f"Bearer {key_for(person_at(AF))}"}


def assert_one_error_shape(response: Any) -> None:
    content_type = response.headers["content-type"]
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    assert content_type.startswith("application/json"), content_type
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == ERROR_KEYS, error
    assert error["status"] == response.status_code
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    for detail in error["details"]:
        assert set(detail) == {"field", "message"}, detail
        assert all(isinstance(value, str) for value in detail.values()), detail


def errors_have_the_one_shape(ctx: Any, response: Any, case: Any) -> None:
    if response.status_code >= 400:
        assert_one_error_shape(response)


# The fixtures adjust settings and signals and make one editor with a token; the examples share them (and the
# test's transaction, so one example's write is seen by the next), which is safe: every answer is checked alone.
FIXTURES_ARE_READ_ONLY = hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@schema.parametrize()
@FIXTURES_ARE_READ_ONLY
def test_every_operation_answers_as_documented_and_refuses_bad_input(case: Any, editor_token: dict[str, str]) -> None:
    # No `checks`: every check schemathesis has, as `schemathesis run --checks all` — among them that a request
    # the document allows is accepted (positive_data_acceptance) and one it forbids is refused.
    case.call_and_validate(headers=editor_token, additional_checks=[errors_have_the_one_shape])


@bad_requests.parametrize()
@FIXTURES_ARE_READ_ONLY
def test_generated_bad_requests_are_refused_in_the_one_error_shape(case: Any, wsgi_in_test_transaction: None) -> None:
    response = case.call()
    assert 400 <= response.status_code < 500, (case.as_curl_command(), response.status_code, response.text)
    assert_one_error_shape(response)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "delete"])
@pytest.mark.parametrize(
    "path, allowed", [("/api/v1/actors", {"GET"}), ("/api/v1/actors/tillvaxtverket", {"GET", "PATCH"})]
)
def test_a_wrong_method_is_refused_in_the_one_error_shape(
    client: Any, method: str, path: str, allowed: set[str]
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == allowed
    assert_one_error_shape(response)


@pytest.mark.django_db
def test_every_documented_write_needs_a_token_and_says_so(client: Any) -> None:
    document = client.get(OPENAPI).json()
    writes = [
        (method, path.replace("{slug}", "arbetsformedlingen").replace("{id}", "1"), operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method != "get"
    ]
    assert len(writes) == 7
    for method, path, operation in writes:
        assert operation["security"] == [{"TokenAuth": []}], path
        assert "401" in operation["responses"], path
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code == 401, (method, path)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert_one_error_shape(response)
    reads = [
        operation for operations in document["paths"].values() for m, operation in operations.items() if m == "get"
    ]
    assert all("security" not in operation for operation in reads)


@pytest.mark.django_db
def test_nul_bytes_in_any_text_parameter_are_refused_in_the_one_error_shape(client: Any) -> None:
    client.raise_request_exception = False
    requests = [
        ("/api/v1/actors", {"q": "a\x00b"}),
        ("/api/v1/actors", {"region": "skane\x00"}),
        ("/api/v1/actors", {"theme": "validering\x00"}),
        ("/api/v1/actors/myh%00", {}),
    ]
    answers = {path + str(params): client.get(path, params) for path, params in requests}
    assert {
        key: response.status_code for key, response in answers.items() if not 400 <= response.status_code < 500
    } == {}
    for response in answers.values():
        assert_one_error_shape(response)


@pytest.mark.django_db
def test_the_documents_enumerations_are_the_vocabularies_in_the_database(client: Any) -> None:
    """The document lists themes, regions, counties and target groups from data/; they are what the site has."""
    from krokarm.actors.models import Actor, TargetGroup, Theme
    from krokarm.regions.models import County

    document = client.get(OPENAPI).json()
    themes = set(Theme.objects.values_list("slug", flat=True))
    topics = set(Theme.objects.filter(kind=Theme.Kind.TOPIC).values_list("slug", flat=True))
    regions = set(Actor.objects.filter(kind=Actor.Kind.REGION).values_list("slug", flat=True))
    codes = set(County.objects.values_list("code", flat=True))
    counties = set(County.objects.values_list("slug", flat=True))
    expected = {
        ("/api/v1/actors", "theme"): themes,
        ("/api/v1/actors", "region"): regions | counties | codes,
        ("/api/v1/municipalities", "county"): codes,
        ("/api/v1/strategies", "region"): regions,
        ("/api/v1/programmes", "county"): counties | codes,
        ("/api/v1/search", "county"): counties,
        ("/api/v1/knowledge", "theme"): themes,
    }
    for (path, name), values in expected.items():
        [parameter] = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
        [listed] = [branch["enum"] for branch in parameter["schema"]["anyOf"] if "enum" in branch]
        assert set(listed) == values, (path, name)
    bodies = document["components"]["schemas"]
    assert set(bodies["ResponsibilityIn"]["properties"]["theme"]["enum"]) == topics
    groups = set(TargetGroup.objects.values_list("slug", flat=True))
    assert set(bodies["ServiceIn"]["properties"]["target_groups"]["items"]["enum"]) == groups


@pytest.mark.django_db
def test_every_filter_naming_a_theme_region_or_county_lists_its_values(client: Any) -> None:
    document = client.get(OPENAPI).json()
    vocabulary_parameters = [
        (path, parameter["name"], parameter["schema"])
        for path, operations in document["paths"].items()
        for parameter in operations.get("get", {}).get("parameters", [])
        if parameter["name"] in {"theme", "region", "county"}
    ]
    assert len(vocabulary_parameters) >= 12
    unlisted = [
        (path, name)
        for path, name, schema in vocabulary_parameters
        if not any("enum" in branch for branch in schema.get("anyOf", [schema]))
    ]
    assert unlisted == []
