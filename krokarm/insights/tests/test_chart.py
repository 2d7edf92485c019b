"""The bar chart's layout: plain numbers in, bars out."""

from krokarm.insights.chart import BOTTOM, TOP, bar_chart


def test_the_highest_value_fills_the_chart_and_the_others_scale_with_it():
    chart = bar_chart([("a", 10), ("b", 5), ("c", 0)], width=300, height=200)
    a, b, c = chart.bars
    assert a.height == 200 - BOTTOM - TOP
    assert b.height == a.height / 2
    assert c.height == 0
    assert a.y + a.height == chart.baseline
    assert a.x < b.x < c.x <= 300


def test_a_chart_of_nothing_has_flat_bars():
    chart = bar_chart([("a", 0), ("b", 0)])
    assert [bar.height for bar in chart.bars] == [0, 0]
    assert chart.highest == 0


def test_with_many_bars_only_some_carry_labels_and_always_the_last():
    chart = bar_chart([(i, i) for i in range(60)])
    labelled = [bar.key for bar in chart.bars if bar.labelled]
    assert 10 <= len(labelled) <= 18
    assert labelled[-1] == 59
    assert all(bar.labelled for bar in bar_chart([(i, i) for i in range(12)]).bars)
