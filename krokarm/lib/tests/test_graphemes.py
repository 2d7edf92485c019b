from krokarm.lib.graphemes import clusters, has_visible, marks, strip_bidi_controls


def test_a_letter_with_its_combining_marks_is_one_cluster():
    assert clusters("a\u030ab") == ["a\u030a", "b"]
    assert clusters("x" + "\u0301" * 299) == ["x" + "\u0301" * 299]


def test_emoji_with_skin_tones_and_joined_families_are_one_cluster_each():
    assert len(clusters("👍🏽👩🏿‍💻👨‍👩‍👧‍👦🇸🇪")) == 4


def test_marks_are_counted_per_cluster():
    assert marks("a") == 0
    assert marks("e\u0323\u0302") == 2
    assert marks("❤\ufe0f") == 1  # the emoji presentation selector is a mark too


def test_zero_width_and_format_characters_and_white_space_are_not_visible():
    invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e \t\n\u00a0\u3000\u3164\u2800\u034f\ufe0f\u0301"
    assert not has_visible(invisible)
    assert not has_visible("")
    assert has_visible(invisible + "å")
    assert has_visible("🙂")


def test_bidirectional_overrides_and_isolates_are_stripped_and_marks_kept():
    assert strip_bidi_controls("a\u202eb\u202c\u2066c\u2069\u200fd") == "abc\u200fd"
