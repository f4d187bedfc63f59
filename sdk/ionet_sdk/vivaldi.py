"""Vivaldi network coordinates (Dabek, Cox, Kaashoek, Morris, SIGCOMM 2004), in two
Euclidean dimensions plus a height, as Serf/Consul apply them.

Each node's agent keeps a `Coordinate` and, after measuring the round-trip time to a
peer or landmark whose coordinate it knows, moves its own with `update`. The estimated
RTT between two nodes is then `estimate_ms(a, b)`, without anyone measuring that pair:
the distance between the points plus both heights (the height models the access link,
which every path out of a node pays: a node behind a slow last mile is "high").

Vivaldi's absolute error grows with the distances a node measures (a few ms here from
the triangle-inequality violations of long routes), which is more than the RTT inside a
data centre (~0.5 ms): coordinates tell regions and metros apart, not the machines of one
building. So a coordinate message also carries the RTTs the agent measured to its
nearest peers (`near`); the matcher treats nodes linked by such measurements below
`SITE_LINK_MS` as one site (a data centre, in practice) and prefers a site that covers the
job.

Where a node's coordinate lives: off-chain, with the matcher (`ionet matcher run`
accepts `POST /v1/coordinates`, signed by the node's agent key). Coordinates change
with every measurement and only the matcher's placement reads them; the programs never
check them (the escrow checks eligibility, not topology), so storing them on-chain
would cost a transaction per node per update (200,000 nodes) for nothing the chain
verifies. A coordinate message is signed (`sign_coordinate`) so that only a node's own
agent can move it; a node may still lie about its position, but only to its own cost
(it is placed with peers it is actually far from, runs slowly and is timed out or
disputed), and the verifier's attested RTT bounds how far from the truth it can be.

Units: milliseconds (RTT), the coordinate space is in milliseconds too.
"""

from __future__ import annotations

import math
import random
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk.errors import InvalidArgumentError

CE = 0.25
"""Error-estimate gain c_e (the paper's 0.25)."""
CC = 0.25
"""Timestep gain c_c (the paper's 0.25)."""
MIN_HEIGHT_MS = 0.01
SITE_LINK_MS = 1.0
"""A measured RTT at most this links two nodes into one site."""
MAX_ERROR = 1.5
COORDINATE_DOMAIN = b"ionet-vivaldi-v1"
_MESSAGE = struct.Struct("<16s32sddddqB")  # domain, node, x, y, height, error, unix seconds, near count
_NEAR = struct.Struct("<32sd")  # a near peer and the RTT measured to it (ms)
MAX_NEAR = 8
"""Near peers a coordinate message may carry."""
Near = tuple[Pubkey, float]


@dataclass(frozen=True, slots=True)
class Coordinate:
    """A point in the coordinate space: `x`, `y` and `height` in milliseconds; `error`
    the node's relative confidence in it (1.5 at first, falling towards 0)."""

    x: float = 0.0
    y: float = 0.0
    height: float = MIN_HEIGHT_MS
    error: float = MAX_ERROR

    def distance_ms(self, other: Coordinate) -> float:
        """The estimated RTT to `other`, milliseconds."""
        return math.hypot(self.x - other.x, self.y - other.y) + self.height + other.height

    def update(self, other: Coordinate, rtt_ms: float, rng: random.Random | None = None) -> Coordinate:
        """This coordinate moved after measuring `rtt_ms` to a node at `other` (Dabek et
        al., Figure 3, with the height vector of section 5.4): the sample weighs by the
        two nodes' errors, the error estimate moves towards the sample's relative error,
        and the point moves along the spring between the two by the adaptive timestep.
        Raises `InvalidArgumentError` for a negative or non-finite RTT."""
        if not math.isfinite(rtt_ms) or rtt_ms < 0:
            raise InvalidArgumentError(f"an RTT sample must be a finite non-negative number, got {rtt_ms}")
        rtt = max(rtt_ms, 1e-3)
        dist = self.distance_ms(other)
        weight = self.error / (self.error + other.error) if self.error + other.error > 0 else 0.5
        relative = abs(dist - rtt) / rtt
        error = min(MAX_ERROR, relative * CE * weight + self.error * (1 - CE * weight))
        force = CC * weight * (rtt - dist)
        dx, dy = self.x - other.x, self.y - other.y
        planar = math.hypot(dx, dy)
        if planar < 1e-9:  # coincident points: push apart in a random direction
            angle = (rng or random).uniform(0, 2 * math.pi)
            dx, dy, planar = math.cos(angle), math.sin(angle), 1.0
        # The height vector [x, h]: its norm is |x| + h, so a unit step splits between
        # the plane and the height in proportion to each one's share of the distance.
        total = planar + self.height + other.height
        x = self.x + force * dx / total
        y = self.y + force * dy / total
        height = max(MIN_HEIGHT_MS, self.height + force * (self.height + other.height) / total)
        return Coordinate(x, y, height, error)


def estimate_ms(a: Coordinate, b: Coordinate) -> float:
    """The estimated RTT between two coordinates, milliseconds."""
    return a.distance_ms(b)


def coordinate_message(
    node: Pubkey, coordinate: Coordinate, unix_time: int, near: Sequence[Near] = ()
) -> bytes:
    """The bytes a node's agent signs to publish its coordinate and the RTTs (ms) it
    measured to its nearest peers (at most `MAX_NEAR`): 105 bytes + 40 per near peer.
    Raises `InvalidArgumentError` for too many near peers."""
    if len(near) > MAX_NEAR:
        raise InvalidArgumentError(f"at most {MAX_NEAR} near peers, got {len(near)}")
    c = coordinate
    head = _MESSAGE.pack(COORDINATE_DOMAIN, bytes(node), c.x, c.y, c.height, c.error, unix_time, len(near))
    return head + b"".join(_NEAR.pack(bytes(peer), rtt) for peer, rtt in near)


def sign_coordinate(
    agent: Keypair, node: Pubkey, coordinate: Coordinate, unix_time: int, near: Sequence[Near] = ()
) -> bytes:
    """The agent's ed25519 signature (64 bytes) over `coordinate_message`."""
    return bytes(agent.sign_message(coordinate_message(node, coordinate, unix_time, near)))


def verify_coordinate(
    agent: Pubkey,
    node: Pubkey,
    coordinate: Coordinate,
    unix_time: int,
    signature: bytes,
    *,
    near: Sequence[Near] = (),
) -> bool:
    """Whether `signature` is `agent`'s over this node's coordinate (and near peers) at
    `unix_time`, and every figure is finite and non-negative where it must be."""
    values = (coordinate.x, coordinate.y, coordinate.height, coordinate.error, *(rtt for _, rtt in near))
    if not all(math.isfinite(v) for v in values) or coordinate.height < 0 or any(rtt < 0 for _, rtt in near):
        return False
    try:
        VerifyKey(bytes(agent)).verify(coordinate_message(node, coordinate, unix_time, near), signature)
    except (BadSignatureError, ValueError, InvalidArgumentError):
        return False
    return True
