"""Vivaldi coordinates (ionet_sdk.vivaldi): the update converges on a small metric with an
access link, and a coordinate message binds its near peers to the agent's signature."""

from __future__ import annotations

import math
import random

import pytest
from solders.keypair import Keypair

from ionet_sdk.errors import InvalidArgumentError
from ionet_sdk.vivaldi import MAX_NEAR, Coordinate, sign_coordinate, verify_coordinate

# Four sites on a plane (ms) and one node behind a slow access link (height 5 ms).
POINTS = {"a": (0.0, 0.0, 0.0), "b": (30.0, 0.0, 0.0), "c": (0.0, 40.0, 0.0), "d": (30.0, 40.0, 0.0),
          "e": (15.0, 20.0, 5.0)}  # fmt: skip


def true_rtt(p: str, q: str) -> float:
    (x1, y1, h1), (x2, y2, h2) = POINTS[p], POINTS[q]
    return math.hypot(x1 - x2, y1 - y2) + h1 + h2 if p != q else 0.0


def test_coordinates_converge_to_the_measured_rtts_and_the_height_absorbs_the_access_link() -> None:
    rng = random.Random(3)
    coords = {name: Coordinate() for name in POINTS}
    for _ in range(3_000):
        p, q = rng.sample(sorted(POINTS), 2)
        coords[p] = coords[p].update(coords[q], true_rtt(p, q), rng)
    errors = [
        abs(coords[p].distance_ms(coords[q]) - true_rtt(p, q)) / true_rtt(p, q)
        for p in POINTS for q in POINTS if p < q
    ]  # fmt: skip
    assert max(errors) < 0.05, errors
    assert coords["e"].height > max(coords[n].height for n in "abcd") + 1.0
    assert coords["a"].error < 0.1


def test_an_rtt_sample_must_be_finite_and_non_negative() -> None:
    for bad in (-1.0, math.nan, math.inf):
        with pytest.raises(InvalidArgumentError):
            Coordinate().update(Coordinate(1.0, 0.0), bad)


def test_a_signed_coordinate_binds_node_time_and_near_peers() -> None:
    agent, node, peer = Keypair(), Keypair().pubkey(), Keypair().pubkey()
    c = Coordinate(1.5, -2.0, 0.3, 0.4)
    near = [(peer, 0.42)]
    signature = sign_coordinate(agent, node, c, 100, near)
    assert verify_coordinate(agent.pubkey(), node, c, 100, signature, near=near)
    assert not verify_coordinate(agent.pubkey(), node, c, 100, signature)  # near peers left out
    assert not verify_coordinate(agent.pubkey(), node, c, 101, signature, near=near)
    assert not verify_coordinate(Keypair().pubkey(), node, c, 100, signature, near=near)
    assert not verify_coordinate(agent.pubkey(), node, Coordinate(math.nan), 100, signature, near=near)
    with pytest.raises(InvalidArgumentError):
        sign_coordinate(agent, node, c, 100, [(peer, 0.1)] * (MAX_NEAR + 1))
