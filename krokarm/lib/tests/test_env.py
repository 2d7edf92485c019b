import pytest

from krokarm.lib.env import env_bool, env_int, env_list


def test_booleans_accept_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("ON", True), ("0", False), ("false", False), ("", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG") is expected


def test_a_misspelt_boolean_is_an_error_not_a_silent_default(monkeypatch):
    monkeypatch.setenv("FLAG", "ja")
    with pytest.raises(ValueError, match="FLAG"):
        env_bool("FLAG")


def test_missing_values_fall_back_to_the_default(monkeypatch):
    monkeypatch.delenv("NUMBER", raising=False)
    monkeypatch.delenv("HOSTS", raising=False)
    assert env_int("NUMBER", 8000) == 8000
    assert env_list("HOSTS", ["localhost"]) == ["localhost"]


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("HOSTS", " krokarm.se, www.krokarm.se ,")
    assert env_list("HOSTS") == ["krokarm.se", "www.krokarm.se"]


def test_a_non_number_is_an_error(monkeypatch):
    monkeypatch.setenv("NUMBER", "åtta")
    with pytest.raises(ValueError, match="NUMBER"):
        env_int("NUMBER", 1)
