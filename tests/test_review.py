"""Review rules on their own: empty values and copied examples."""

from __future__ import annotations

import pytest

from prp_agent.drafting.review import copied_from_example, is_empty_value


@pytest.mark.parametrize("value", [None, "", "  ", "TBD", "n/a", "N/A.", "to be determined", [], ["", "tbd"], "{{x}}"])
def test_empty_values(value: object) -> None:
    assert is_empty_value(value)


@pytest.mark.parametrize("value", ["PostgreSQL", ["a"], 0.0, {"value": 1}])
def test_real_values_are_not_empty(value: object) -> None:
    assert not is_empty_value(value)


EXAMPLES = ["- Unit tests for services and utilities", "- Integration tests for API endpoints",
            "- Database transaction rollback in tests", "- Test factories for model creation"]  # fmt: skip


def test_reworded_copy_is_detected() -> None:
    value = ["Unit testing of services and utilities", "Integration tests for the API endpoints",
             "Rolling back DB transactions in tests", "Factories for creating test models"]  # fmt: skip
    assert copied_from_example(value, EXAMPLES)


def test_specific_content_is_not_a_copy() -> None:
    value = ["pytest unit tests for UserService password hashing and role checks",
             "httpx AsyncClient integration tests for /api/v1/users against a Postgres testcontainer",
             "Alembic upgrade/downgrade round trip in CI"]  # fmt: skip
    assert not copied_from_example(value, EXAMPLES)


def test_a_copied_paragraph_is_detected_by_shingles() -> None:
    example = [
        '"Develop RESTful API for user management that reduces response time',
        'by 50% and supports 1000 req/second"',
    ]
    value = ["We will develop a RESTful API for user management that reduces response time by 50 percent."]
    assert copied_from_example(value, example)
