"""The matcher's in-memory index of registry nodes and its placement rule.

Columnar (numpy): one slot per node holding what eligibility and placement read, so
that filtering 200,000 nodes for a job is a handful of vectorized comparisons rather
than a Python loop. `upsert(address, node)` (from a subscription notification or a
poll) rewrites one slot; `set_coordinate` records a node's Vivaldi coordinate.

Eligibility mirrors `ionet_sdk.matcher.rejection` (which the escrow's `job_assign` and
the registry's `node_job_commit` enforce on-chain): status active, a passed attestation
not expired, live (`ionet_sdk.matcher.live_until`: the one liveness rule), the GPU model
(or tier), VRAM, CUDA, region, the reputation floor, the node's minimum price, free GPUs.

Placement (`pick`): among the eligible nodes with coordinates, the set covering the
job's GPUs that minimises the worst pairwise estimated RTT, then maximises the minimum
bandwidth. A pair's estimate is its Vivaldi distance (plane plus both heights), raised to
the triangle inequality's bound |rtt_i - rtt_j| when one verifier attested both RTTs
(`_estimate`); within one site (nodes linked by RTTs their agents measured, at most
`vivaldi.SITE_LINK_MS`: a data centre) it is at most `SITE_LINK_MS`, below the noise of
coordinates, and between sites at least `APART_MS`. Candidate sets grow around seeds:
the node with the most free GPUs in each of the sites, then the cells of a grid over the
coordinate space with the most free GPUs, each taking its nearest nodes until the GPUs
are covered; the best set wins. Without enough coordinates it falls back to today's rule
(`pick_by_verifier_rtt`: lowest RTT to the verifier, then highest bandwidth).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow.accounts import Job
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import GpuModel, NodeStatus, RegistryParams
from ionet_sdk.matcher import NoMatchError, Pick, live_until
from ionet_sdk.registry import GPU_TIERS
from ionet_sdk.vivaldi import SITE_LINK_MS, Coordinate

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
SEEDS = 8
"""Candidate clusters tried per job: half from the sites, half from the cells with the most free GPUs."""
CELL_MS = 2.0
"""Grid cell of the coordinate space used to find dense areas, milliseconds."""
APART_MS = SITE_LINK_MS + 0.001
"""The least estimate for two nodes of different sites: had they been that close, their
agents' measurements would have linked them."""
_MODELS = len(GpuModel)
_COLUMNS = (
    "present", "active", "attested_until", "live_until", "model", "vram", "cuda", "region", "reputation",
    "min_price", "free", "bandwidth", "rtt_us", "verifier", "has_coord", "height", "site", "local", "access",
)  # fmt: skip
_TIER_OF_MODEL = np.array([GPU_TIERS[GpuModel(m)] for m in range(_MODELS)], dtype=np.int64)


def region_code(region: Iterable[int] | bytes) -> int:
    """The 8-byte region field as one integer (0: any)."""
    return int.from_bytes(bytes(region), "little")


@dataclass(frozen=True, slots=True)
class Need:
    """What a job asks of nodes, as the index compares it."""

    gpus: int
    gpu_model: int
    match_tier: bool
    min_vram_gb: int
    min_cuda: tuple[int, int]
    region: int
    price_per_gpu_hour: int
    min_reputation_bps: int
    max_nodes: int

    @classmethod
    def of(cls, job: Job, min_reputation_bps: int, max_nodes: int) -> Need:
        """The part of `job` still unassigned; `max_nodes`: the escrow's nodes-per-job cap
        less the runs the job already has."""
        return cls(
            gpus=job.gpu_count - job.gpus_assigned,
            gpu_model=job.gpu_model,
            match_tier=bool(job.match_tier),
            min_vram_gb=job.min_vram_gb,
            min_cuda=(job.min_cuda_major, job.min_cuda_minor),
            region=region_code(job.region),
            price_per_gpu_hour=job.price_per_gpu_hour,
            min_reputation_bps=min_reputation_bps,
            max_nodes=max_nodes,
        )


@dataclass(frozen=True, slots=True)
class Placement:
    """A cluster: the picks and its figures (estimated worst pairwise RTT in ms, None
    when chosen by the fallback rule; minimum bandwidth in Mbit/s)."""

    picks: list[Pick]
    worst_rtt_ms: float | None
    min_bandwidth_mbps: int
    rule: str


class NodeIndex:
    """Registry nodes by address, in columns. `params`: the registry's parameters (the
    liveness window)."""

    def __init__(self, params: RegistryParams, capacity: int = 1024) -> None:
        self.params = params
        self.slots: dict[Pubkey, int] = {}
        self.addresses: list[Pubkey] = []
        self.nodes: list[Node | None] = []
        n = capacity
        self.present = np.zeros(n, dtype=bool)
        self.active = np.zeros(n, dtype=bool)
        self.attested_until = np.zeros(n, dtype=np.int64)
        self.live_until = np.zeros(n, dtype=np.int64)
        self.model = np.zeros(n, dtype=np.int64)
        self.vram = np.zeros(n, dtype=np.int64)
        self.cuda = np.zeros(n, dtype=np.int64)
        self.region = np.zeros(n, dtype=np.uint64)
        self.reputation = np.zeros(n, dtype=np.int64)
        self.min_price = np.zeros(n, dtype=np.uint64)
        self.free = np.zeros(n, dtype=np.int64)
        self.bandwidth = np.zeros(n, dtype=np.int64)
        self.rtt_us = np.zeros(n, dtype=np.int64)
        self.verifier = np.zeros(n, dtype=np.int64)
        self.verifiers: dict[Pubkey, int] = {}
        self.has_coord = np.zeros(n, dtype=bool)
        self.xy = np.zeros((n, 2), dtype=np.float64)
        self.height = np.zeros(n, dtype=np.float64)
        self.site = np.zeros(n, dtype=np.int64)
        self.access = np.zeros(n, dtype=np.float64)
        """Per pick: a site member's attested RTT above the site's least (ms), its access latency."""
        self.local = np.full(n, SITE_LINK_MS)
        """Each node's least measured near-peer RTT (ms; SITE_LINK_MS if none): its access."""
        self.near: dict[int, dict[int, float]] = {}
        """Near-peer RTTs (ms) each node reported, by reporting slot."""
        self._sites_dirty = False
        self.held: dict[int, int] = {}
        """GPUs this matcher assigned whose node update it has not seen yet, by slot."""

    def __len__(self) -> int:
        return int(self.present.sum())

    def _grow(self) -> None:
        for name in _COLUMNS:
            old = getattr(self, name)
            new = np.zeros(len(old) * 2, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        xy = np.zeros((len(self.xy) * 2, 2), dtype=np.float64)
        xy[: len(self.xy)] = self.xy
        self.xy = xy

    def slot(self, address: Pubkey) -> int:
        found = self.slots.get(address)
        if found is not None:
            return found
        if len(self.addresses) == len(self.present):
            self._grow()
        i = len(self.addresses)
        self.site[i] = i
        self.local[i] = SITE_LINK_MS
        self.slots[address] = i
        self.addresses.append(address)
        self.nodes.append(None)
        return i

    def upsert(self, address: Pubkey, node: Node) -> None:
        """Record the node's current account (a notification, a poll or a fresh read)."""
        i = self.slot(address)
        attested = node.attestation
        self.nodes[i] = node
        self.present[i] = True
        self.active[i] = node.status == NodeStatus.Active
        self.attested_until[i] = attested.expires_at if attested.passed else 0
        self.live_until[i] = live_until(node, self.params)
        self.model[i] = attested.gpu_model
        self.vram[i] = attested.vram_gb_per_gpu
        self.cuda[i] = node.declared.cuda_major * 1000 + node.declared.cuda_minor
        self.region[i] = region_code(node.declared.region)
        self.reputation[i] = node.reputation_bps
        self.min_price[i] = node.min_price_per_gpu_hour
        self.free[i] = max(0, node.declared.gpu_count - node.committed_gpus)
        self.bandwidth[i] = attested.bandwidth_mbps
        self.rtt_us[i] = attested.rtt_us
        self.verifier[i] = self.verifiers.setdefault(attested.verifier, len(self.verifiers) + 1)
        self.held.pop(i, None)

    def remove(self, address: Pubkey) -> None:
        """The node's account closed (deregistered)."""
        i = self.slots.get(address)
        if i is not None:
            self.present[i] = False
            self.nodes[i] = None

    def hold(self, picks: Iterable[Pick]) -> None:
        """Count GPUs just assigned as taken until the node's update arrives."""
        for p in picks:
            i = self.slots[p.node]
            self.free[i] = max(0, int(self.free[i]) - p.gpus)
            self.held[i] = self.held.get(i, 0) + p.gpus

    def set_coordinate(self, address: Pubkey, coordinate: Coordinate) -> None:
        i = self.slot(address)
        self.xy[i] = (coordinate.x, coordinate.y)
        self.height[i] = coordinate.height
        self.has_coord[i] = True

    def set_near(self, address: Pubkey, near: Iterable[tuple[Pubkey, float]]) -> None:
        """The RTTs (ms) the node's agent measured to its nearest peers (replacing what it
        reported before); links of at most `SITE_LINK_MS` join the two nodes' sites."""
        i = self.slot(address)
        self.near[i] = {self.slot(peer): rtt for peer, rtt in near if peer != address}
        self._sites_dirty = True

    def sites(self) -> I64:
        """Each slot's site: the smallest slot among the nodes linked to it, directly or
        not, by reported RTTs of at most `SITE_LINK_MS` (union-find)."""
        n = len(self.addresses)
        if not self._sites_dirty:
            return self.site[:n]
        parent = list(range(n))

        def root(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        local = [SITE_LINK_MS] * n
        for a, peers in self.near.items():
            for b, rtt in peers.items():
                if rtt <= SITE_LINK_MS:
                    local[a], local[b] = min(local[a], rtt), min(local[b], rtt)
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        self.local[:n] = local
        self.site[:n] = [root(a) for a in range(n)]
        self._sites_dirty = False
        return self.site[:n]

    def set_coordinates(self, slots: npt.NDArray[np.int64], xy: F64, height: F64) -> None:
        """Many coordinates at once (the benchmark; a restored store)."""
        self.xy[slots] = xy
        self.height[slots] = height
        self.has_coord[slots] = True

    # --- eligibility

    def eligible(self, need: Need, now: int, exclude: Iterable[Pubkey] = ()) -> I64:
        """Slots of the nodes that may serve `need` at `now` (unix seconds)."""
        n = len(self.addresses)
        model = self.model[:n]
        if need.match_tier:
            wanted_tier = _TIER_OF_MODEL[need.gpu_model] if need.gpu_model < _MODELS else -1
            model_ok = _TIER_OF_MODEL[np.clip(model, 0, _MODELS - 1)] == wanted_tier
        else:
            model_ok = model == need.gpu_model
        mask = (
            self.present[:n]
            & self.active[:n]
            & (self.attested_until[:n] > now)
            & (self.live_until[:n] >= now)
            & model_ok
            & (self.vram[:n] >= need.min_vram_gb)
            & (self.cuda[:n] >= need.min_cuda[0] * 1000 + need.min_cuda[1])
            & (self.reputation[:n] >= need.min_reputation_bps)
            & (self.min_price[:n] <= np.uint64(need.price_per_gpu_hour))
            & (self.free[:n] > 0)
        )
        if need.region:
            mask &= self.region[:n] == np.uint64(need.region)
        for address in exclude:
            if (i := self.slots.get(address)) is not None:
                mask[i] = False
        return np.flatnonzero(mask).astype(np.int64)

    # --- placement

    def pick(self, need: Need, now: int, exclude: Iterable[Pubkey] = ()) -> Placement:
        """The cluster for `need` (see the module doc). Raises `NoMatchError` when the
        eligible nodes cannot cover it within `need.max_nodes` nodes."""
        cand = self._sized(self.eligible(need, now, exclude), need)
        self._coverable(cand, need)
        whole = cand[self.free[cand] >= need.gpus]
        if whole.size:  # one node: no pair at all; the smallest that fits, then the best bandwidth
            best = whole[np.lexsort((-self.bandwidth[whole], self.free[whole]))[:1]]
            return self._placement(best, need, 0.0, "one node")
        with_coord = cand[self.has_coord[cand]]
        if with_coord.size and int(self.free[with_coord].sum()) >= need.gpus:
            placed = self._pick_topology(with_coord, need)
            if placed is not None:
                return placed
        return self.pick_by_verifier_rtt(need, now, exclude, cand)

    def _sized(self, cand: I64, need: Need) -> I64:
        """Only nodes with at least ceil(GPUs / max_nodes) free GPUs: then any set covering
        the job stays within the escrow's nodes-per-job cap."""
        smallest = -(-need.gpus // max(need.max_nodes, 1))
        return cand[self.free[cand] >= smallest] if smallest > 1 else cand

    def _coverable(self, cand: I64, need: Need) -> None:
        have = int(self.free[cand].sum())
        if have < need.gpus:
            raise NoMatchError(f"only {have} of {need.gpus} GPUs are eligible")
        top = np.sort(self.free[cand])[::-1][: need.max_nodes]
        if int(top.sum()) < need.gpus:
            raise NoMatchError(f"{need.gpus} GPUs need more than {need.max_nodes} eligible nodes")

    def pick_by_verifier_rtt(
        self, need: Need, now: int, exclude: Iterable[Pubkey] = (), cand: I64 | None = None
    ) -> Placement:
        """Today's rule: lowest attested RTT to the verifier first, then highest bandwidth."""
        if cand is None:
            cand = self._sized(self.eligible(need, now, exclude), need)
            self._coverable(cand, need)
        order = cand[np.lexsort((-self.bandwidth[cand], self.rtt_us[cand]))]
        chosen = self._cover(order, need)
        if chosen is None:
            raise NoMatchError(f"{need.gpus} GPUs need more than {need.max_nodes} nodes by RTT order")
        return self._placement(chosen, need, None, "verifier-rtt")

    def _cover(self, order: I64, need: Need) -> I64 | None:
        """The shortest prefix of `order` whose free GPUs cover the need, within max_nodes."""
        cumulative = np.cumsum(self.free[order])
        k = int(np.searchsorted(cumulative, need.gpus)) + 1
        if k > min(len(order), need.max_nodes):
            return None
        return order[:k]

    def _pick_topology(self, cand: I64, need: Need) -> Placement | None:
        site_all = self.sites()
        site, free, local = site_all[cand], self.free[cand], self.local[cand]
        cells = np.floor(self.xy[cand] / CELL_MS).astype(np.int64)
        _, cell_of = np.unique(cells[:, 0] * 1_000_003 + cells[:, 1], return_inverse=True)
        sites, site_of = np.unique(site, return_inverse=True)
        # Within a site (one building) two attested RTTs to the same verifier differ only by
        # the machines' own access latency: each member's excess over the site's least.
        rtt_ms = self.rtt_us[cand] / 1000.0
        least = np.full(len(sites), np.inf)
        np.minimum.at(least, site_of, rtt_ms)
        self.access[cand] = rtt_ms - least[site_of]
        groups: list[tuple[I64, bool]] = []  # (members, whether the group alone covers the job)
        for labels in (site_of, cell_of):
            gpus = np.bincount(labels, weights=free)
            groups += [
                (np.flatnonzero(labels == g), bool(gpus[g] >= need.gpus))
                for g in np.argsort(-gpus)[: SEEDS // 2]
            ]
        best: tuple[float, int, I64] | None = None
        for members, covers in groups:
            # The seed: the member with the lowest access latency, then the most free GPUs.
            seed = int(members[np.lexsort((-free[members], self.access[cand[members]], local[members]))[0]])
            # A group that covers the job alone: only its members are candidates.
            pool = members if covers else np.arange(len(cand))
            nodes = cand[pool]
            dist = self._estimate(nodes, int(cand[seed]))
            k = min(len(pool), max(need.gpus, 1))
            nearest = np.argpartition(dist, k - 1)[:k] if k < len(pool) else np.arange(len(pool))
            nearest = nearest[np.argsort(dist[nearest], kind="stable")]
            chosen = self._cover(nodes[nearest], need)
            if chosen is None:
                continue
            worst = self._worst_pair(chosen)
            min_bw = int(self.bandwidth[chosen].min())
            if best is None or (worst, -min_bw) < (best[0], -best[1]):
                best = (worst, min_bw, chosen)
        if best is None:
            return None
        return self._placement(best[2], need, best[0], "vivaldi")

    def _estimate(self, nodes: I64, seed: int) -> F64:
        """Estimated RTT (ms) from slot `seed` to each slot of `nodes`: within one site
        (linked by measured RTTs) the least of the Vivaldi distance, the site's best measured
        link plus both machines' excess access latency (`access`), and `SITE_LINK_MS`;
        otherwise the Vivaldi distance raised to the triangle inequality's lower bound
        |rtt_i - rtt_seed| where one verifier attested both (two measured RTTs to one point
        bound the third side), and to at least `APART_MS`."""
        xy, h = self.xy[nodes], self.height[nodes]
        vivaldi = np.hypot(xy[:, 0] - self.xy[seed, 0], xy[:, 1] - self.xy[seed, 1]) + h + self.height[seed]
        rtt = self.rtt_us[nodes] / 1000.0
        same_verifier = self.verifier[nodes] == self.verifier[seed]
        bound = np.where(same_verifier, np.abs(rtt - self.rtt_us[seed] / 1000.0), 0.0)
        # The site's best measured link plus both machines' excess access latency.
        floor = min(float(self.local[seed]), float(self.local[nodes].min()))
        within = np.minimum(np.minimum(vivaldi, floor + self.access[nodes] + self.access[seed]), SITE_LINK_MS)
        apart = np.maximum(np.maximum(vivaldi, bound), APART_MS)
        estimate: F64 = np.where(self.site[nodes] == self.site[seed], within, apart)
        estimate[nodes == seed] = 0.0
        return estimate

    def _worst_pair(self, nodes: I64) -> float:
        """The largest pairwise estimate (see `_estimate`) among the slots (0 for one)."""
        if len(nodes) < 2:
            return 0.0
        xy, h = self.xy[nodes], self.height[nodes]
        d = (
            np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
            + h[:, None]
            + h[None, :]
        )
        rtt, verifier, site = self.rtt_us[nodes] / 1000.0, self.verifier[nodes], self.site[nodes]
        bound = np.where(verifier[:, None] == verifier[None, :], np.abs(rtt[:, None] - rtt[None, :]), 0.0)
        access = self.access[nodes]
        floor = float(self.local[nodes].min())
        within = np.minimum(np.minimum(d, floor + access[:, None] + access[None, :]), SITE_LINK_MS)
        d = np.where(site[:, None] == site[None, :], within, np.maximum(np.maximum(d, bound), APART_MS))
        np.fill_diagonal(d, 0.0)
        return float(d.max())

    def _placement(self, chosen: I64, need: Need, worst: float | None, rule: str) -> Placement:
        picks = []
        left = need.gpus
        for i in chosen:
            gpus = min(left, int(self.free[i]))
            picks.append(Pick(self.addresses[i], gpus, int(self.rtt_us[i]), int(self.bandwidth[i])))
            left -= gpus
        return Placement(picks, worst, int(self.bandwidth[chosen].min()), rule)

    def worst_estimated_rtt(self, nodes: Iterable[Pubkey]) -> float:
        """The worst pairwise estimated RTT (ms) of a set of nodes with coordinates."""
        self.sites()
        return self._worst_pair(np.array([self.slots[a] for a in nodes], dtype=np.int64))
