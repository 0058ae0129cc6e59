"""Every measure on small graphs: values computed by hand, and networkx's own
functions where networkx has one."""

import random

import networkx as nx
import pytest

from quartier.network import measures


def star():
    return nx.star_graph(3)  # centre 0, leaves 1, 2, 3


def path_and_isolate():
    graph = nx.path_graph(4)  # 0-1-2-3
    graph.add_node(4)
    return graph


def test_density_by_hand_and_networkx():
    assert measures.density(star()) == pytest.approx(3 / 6)
    assert measures.density(path_and_isolate()) == pytest.approx(3 / 10)
    for graph in (star(), path_and_isolate(), nx.complete_graph(5)):
        assert measures.density(graph) == pytest.approx(nx.density(graph))


def test_components_by_hand_and_networkx():
    assert measures.components(star()) == 1
    assert measures.components(path_and_isolate()) == 2
    assert measures.components(nx.Graph()) == 0
    graph = path_and_isolate()
    assert measures.components(graph) == nx.number_connected_components(graph)


def test_average_degree_by_hand():
    assert measures.average_degree(star()) == pytest.approx(6 / 4)
    assert measures.average_degree(path_and_isolate()) == pytest.approx(6 / 5)
    graph = nx.gnm_random_graph(30, 70, seed=3)
    assert measures.average_degree(graph) == pytest.approx(
        sum(d for _, d in graph.degree()) / 30
    )


def test_freeman_centralization_by_hand():
    # A star is the most centralised graph, a complete graph the least.
    assert measures.degree_centralization(star()) == pytest.approx(1.0)
    assert measures.degree_centralization(nx.complete_graph(4)) == 0.0
    # Degrees 1, 2, 2, 1, 0: Σ(2 − d) = 1 + 0 + 0 + 1 + 2 = 4 over (5 − 1)(5 − 2) = 12.
    assert measures.degree_centralization(path_and_isolate()) == pytest.approx(4 / 12)
    # Too small to be centralised.
    assert measures.degree_centralization(nx.path_graph(2)) == 0.0


def test_freeman_centralization_equals_the_normalised_centrality_form():
    # The same measure written with networkx's normalised degree centrality:
    # Σ (c_max − c_i) / (n − 2).
    graph = nx.gnm_random_graph(25, 60, seed=11)
    centrality = nx.degree_centrality(graph)
    top = max(centrality.values())
    expected = sum(top - c for c in centrality.values()) / (25 - 2)
    assert measures.degree_centralization(graph) == pytest.approx(expected)


def test_degree_centrality_by_hand_and_networkx():
    values = measures.degree_centrality(star())
    assert values[0] == pytest.approx(1.0)
    assert values[1] == pytest.approx(1 / 3)
    assert values == nx.degree_centrality(star())


def test_betweenness_by_hand_and_networkx():
    values, exact = measures.betweenness(star())
    assert exact
    # The centre lies on every shortest path between the three leaves: 3 of 3 pairs.
    assert values[0] == pytest.approx(1.0)
    assert values[1] == 0.0
    path_values, _ = measures.betweenness(nx.path_graph(4))
    # Node 1 lies between 0–2 and 0–3: 2 of 3 pairs among the others.
    assert path_values[1] == pytest.approx(2 / 3)
    graph = nx.gnm_random_graph(40, 90, seed=5)
    assert measures.betweenness(graph)[0] == pytest.approx(
        nx.betweenness_centrality(graph)
    )


def test_betweenness_of_a_large_network_is_a_reproducible_estimate(monkeypatch):
    monkeypatch.setattr(measures, "EXACT_BETWEENNESS_NODES", 10)
    monkeypatch.setattr(measures, "BETWEENNESS_SAMPLE", 20)
    graph = nx.gnm_random_graph(60, 200, seed=2)
    first, exact = measures.betweenness(graph)
    assert not exact
    assert measures.betweenness(graph)[0] == first


# The five textbook triads of Gould and Fernandez: a → b → c, a and c not tied.
TRIADS = [
    ("coordinator", ("A", "A", "A")),
    ("itinerant", ("A", "B", "A")),
    ("gatekeeper", ("B", "A", "A")),
    ("representative", ("A", "A", "B")),
    ("liaison", ("A", "B", "C")),
]


@pytest.mark.parametrize(("role", "groups"), TRIADS)
def test_brokerage_on_the_five_textbook_triads(role, groups):
    graph = nx.DiGraph([("a", "b"), ("b", "c")])
    counts = measures.brokerage(graph, dict(zip("abc", groups, strict=True)))
    assert counts["b"] == {role: 1}
    assert counts["a"] == {} and counts["c"] == {}


def test_a_closed_triad_has_no_broker():
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    counts = measures.brokerage(graph, {"a": "A", "b": "B", "c": "C"})
    assert all(not c for c in counts.values())


@pytest.mark.parametrize(("role", "groups"), TRIADS)
def test_undirected_triads_count_each_pair_in_both_directions(role, groups):
    graph = nx.Graph([("a", "b"), ("b", "c")])
    counts = measures.brokerage(graph, dict(zip("abc", groups, strict=True)))
    mirrored = {"gatekeeper": "representative", "representative": "gatekeeper"}
    if role in mirrored:
        assert counts["b"] == {role: 1, mirrored[role]: 1}
    else:
        assert counts["b"] == {role: 2}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_fast_undirected_brokerage_equals_the_definition(seed):
    graph = nx.gnp_random_graph(40, 0.15, seed=seed)
    rng = random.Random(seed)
    groups = {node: rng.choice("ABCD") for node in graph}
    fast = measures.brokerage(graph, groups)
    slow = measures.brokerage_paths(graph.to_directed(), groups)
    assert fast == {node: +counts for node, counts in slow.items()}


def test_ei_index_by_hand():
    graph = nx.Graph([(1, 2), (2, 3), (3, 4)])
    groups = {1: "A", 2: "A", 3: "B", 4: "C"}
    # One tie within A, two across: (2 − 1) / 3.
    assert measures.ei_index(graph, groups) == pytest.approx(1 / 3)
    by_group = measures.ei_by_group(graph, groups)
    assert by_group["A"] == pytest.approx(0.0)  # E = 1, I = 1
    assert by_group["B"] == pytest.approx(1.0)  # E = 2, I = 0
    assert by_group["C"] == pytest.approx(1.0)
    assert measures.ei_index(nx.empty_graph(3), {0: "A", 1: "A", 2: "B"}) is None


def test_bridging_share_by_hand():
    graph = nx.Graph([(1, 2), (2, 3), (3, 4), (1, 4)])
    administration = {1: True}
    civil = {2: True, 4: True}
    # 1–2 and 1–4 bridge; 2–3 and 3–4 do not.
    assert measures.bridging_share(graph, administration, civil) == pytest.approx(0.5)
    assert measures.bridging_share(nx.empty_graph(2), administration, civil) is None


# --- The relationship survey's aggregation -----------------------------------

from quartier.network.survey import Rated, scores  # noqa: E402


def test_survey_scores_by_tie_actor_and_overall_by_hand():
    answers = [
        Rated("A", "B", trust=4, value=3),
        Rated("B", "A", trust=2, value=1),
        Rated("C", "A", trust=3, value=2),
    ]
    result = scores(answers)
    assert result["respondents"] == 3 and result["detailed"]
    # Both sides of A–B: trust (4 + 2) / 2, value (3 + 1) / 2.
    assert result["ties"][frozenset("AB")] == {"trust": 3.0, "value": 2.0, "answers": 2}
    # What B and C said about A.
    assert result["actors"]["A"] == {"trust": 2.5, "value": 1.5, "answers": 2}
    assert result["overall"] == {"trust": 3.0, "value": 2.0, "answers": 3}


def test_fewer_than_three_respondents_show_only_the_overall_scores():
    result = scores([Rated("A", "B", 4, 4), Rated("B", "A", 2, 2)])
    assert not result["detailed"]
    assert result["ties"] == {} and result["actors"] == {}
    assert result["overall"]["trust"] == 3.0
    assert scores([])["overall"] is None
