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


def test_the_same_data_gives_the_same_picture():
    args = ([("n", "N", "/")], [("a", "A", "/")], [("n", "a", False)])
    assert layout(*args) == layout(*args)
