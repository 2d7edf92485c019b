import math

from krokarm.actors.diagram import layout


def test_every_link_becomes_an_edge_between_placed_nodes():
    picture = layout(
        [("net", "Nätverket", "/n/")],
        [("a", "A", "/a/"), ("b", "B", "/b/")],
        [("net", "a", True), ("net", "b", False), ("net", "missing", False)],
    )
    assert len(picture.nodes) == 3
    assert [(e.target.key, e.coordinator) for e in picture.edges] == [("a", True), ("b", False)]


def test_members_sit_on_a_ring_outside_the_networks_and_inside_the_picture():
    members = [(str(i), str(i), "/") for i in range(30)]
    picture = layout([("n1", "N1", "/"), ("n2", "N2", "/")], members, [])
    centre = picture.width / 2
    for node in picture.nodes:
        distance = math.dist((node.x, node.y), (centre, centre))
        assert 0 <= node.x <= picture.width and 0 <= node.y <= picture.height
        assert (distance < picture.width * 0.2) is node.is_network


def test_member_labels_point_outwards_on_both_sides():
    members = [(str(i), str(i), "/") for i in range(8)]
    picture = layout([], members, [])
    centre = picture.width / 2
    for node in picture.nodes:
        assert abs(node.rotate) <= 90
        assert node.anchor == ("end" if node.x < centre - 1 else "start")
        farther = (node.label_x - centre) ** 2 + (node.label_y - centre) ** 2 > (node.x - centre) ** 2 + (
            node.y - centre
        ) ** 2
        assert farther


def test_the_same_data_gives_the_same_picture():
    args = ([("n", "N", "/")], [("a", "A", "/")], [("n", "a", False)])
    assert layout(*args) == layout(*args)


def test_long_network_names_wrap_onto_two_lines_and_keep_every_word_or_an_ellipsis():
    from krokarm.actors.diagram import wrap

    assert wrap("RUS-nätverket") == ("RUS-nätverket",)
    assert wrap("Forum för hållbar regional utveckling") == ("Forum för hållbar", "regional utveckling")
    lines = wrap("Nationellt analysnätverk för hållbar regional utveckling i hela landet")
    assert len(lines) == 2 and lines[1].endswith("…") and all(len(line) <= 20 for line in lines)
