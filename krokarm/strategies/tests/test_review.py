"""12 § of förordning 2017:583: a strategy is reviewed at least once per electoral term."""

import datetime

import pytest

from krokarm.strategies.review import approximate_date, election_day, review_due

D = datetime.date


def test_elections_fall_on_the_second_sunday_of_september():
    assert election_day(2018) == D(2018, 9, 9)
    assert election_day(2022) == D(2022, 9, 11)
    assert election_day(2026) == D(2026, 9, 13)
    assert election_day(2030) == D(2030, 9, 8)
    with pytest.raises(ValueError):
        election_day(2025)


def test_a_strategy_from_before_the_current_term_is_due_by_the_next_election():
    assert review_due(D(2021, 10, 6), D(2025, 3, 1)).due_before_election == 2026
    assert review_due(D(2021, 10, 6), D(2026, 11, 27)).due_before_election == 2030


def test_a_strategy_reviewed_in_the_current_term_is_due_by_the_election_after_next():
    assert review_due(D(2022, 9, 27), D(2023, 1, 1)).due_before_election == 2030
    assert review_due(D(2022, 9, 10), D(2023, 1, 1)).due_before_election == 2026


def test_a_whole_term_without_review_is_reported():
    assert review_due(D(2021, 6, 2), D(2026, 11, 27)).term_without_review == (2022, 2026)
    assert review_due(D(2022, 10, 1), D(2026, 11, 27)).term_without_review is None
    assert review_due(None, D(2026, 1, 1)).due_before_election is None


def test_words_give_the_earliest_date_they_can_mean():
    assert approximate_date("våren 2018") == D(2018, 3, 1)
    assert approximate_date("oktober 2022") == D(2022, 10, 1)
    assert approximate_date("efter en process 2019–2020") == D(2020, 1, 1)
    assert approximate_date("okänt") is None
