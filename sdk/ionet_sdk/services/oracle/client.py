"""A typed client of the oracle's HTTP API, for agents, keepers, the CLI and tests.

    async with OracleClient("http://127.0.0.1:8787") as oracle:
        info = await oracle.info()
        receipt = await oracle.send(signed_heartbeat)      # checked: signed by info.oracle
        proof = await oracle.node_proof(epoch, node)       # checked against the root

Errors: `OracleRefusedError` (the oracle refused a heartbeat: `.code` as in the service's
docs), `OracleUnavailableError` (transport failure, 5xx, or a malformed answer),
`ProofMismatchError` (a leaf and proof that do not hash to the root the oracle signed),
`NoSyncError` (`find_sync`: no leaf newer than the node's proves against a root in effect).

`find_sync` is what `ionet node sync` and `ionet rewards claim --oracle` use: the node's
newest leaf, proven against the on-chain root in effect, ready for `node_sync`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import aiohttp
from solders.pubkey import Pubkey

from ionet_sdk import merkle
from ionet_sdk.client import IonetClient
from ionet_sdk.errors import IonetError
from ionet_sdk.heartbeat import MessageError, Receipt, SignedHeartbeat, verify_receipt, verify_statement
from ionet_sdk.liveness import Epochs, LivenessLeaf, synced_through


class OracleRefusedError(IonetError):
    """The oracle refused a heartbeat; `code` says why (late, replay, wrong_agent, ...)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


class NoSyncError(IonetError):
    """No oracle serves a leaf of the node, newer than its last sync, that proves against
    an epoch root in effect on-chain (not heard, not closed yet, or inside its challenge
    window)."""


class OracleUnavailableError(IonetError):
    """The oracle did not answer, answered 5xx, or answered something malformed."""


class ProofMismatchError(IonetError):
    """A leaf and proof from the oracle do not hash to the root it signed."""


@dataclass(frozen=True, slots=True)
class OracleInfo:
    oracle: Pubkey
    config: Pubkey
    epochs: Epochs
    epoch: int


@dataclass(frozen=True, slots=True)
class NodeProof:
    """A node's leaf in an epoch's tree, its proof, and the root (checked to match)."""

    epoch: int
    root: bytes
    leaf: LivenessLeaf
    leaf_bytes: bytes
    proof: merkle.Proof


class OracleClient:
    """HTTP client of one oracle (`url`: its base URL). Use as an async context manager."""

    def __init__(self, url: str, *, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))
        self._oracle: Pubkey | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._session.close()

    async def _request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, Any]:
        try:
            async with self._session.request(
                method, self.url + path, data=body, headers={"Content-Type": "application/octet-stream"}
            ) as response:
                status = response.status
                payload = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as err:
            raise OracleUnavailableError(f"oracle {self.url}{path}: {err or type(err).__name__}") from None
        if status >= 500 and not (isinstance(payload, dict) and "error" in payload):
            raise OracleUnavailableError(f"oracle {self.url}{path}: HTTP {status}")
        return status, payload

    async def info(self) -> OracleInfo:
        _, body = await self._request("GET", "/v1/info")
        try:
            info = OracleInfo(
                Pubkey.from_string(body["oracle"]),
                Pubkey.from_string(body["config"]),
                Epochs(int(body["genesis_time"]), int(body["epoch_secs"])),
                int(body["epoch"]),
            )
        except (KeyError, TypeError, ValueError, OverflowError) as err:  # Overflow: int(1e400)
            raise OracleUnavailableError(f"oracle {self.url}: malformed info: {err}") from None
        self._oracle = info.oracle
        return info

    def _receipt(self, item: Any, signed: SignedHeartbeat) -> Receipt:
        if not isinstance(item, dict):
            raise OracleUnavailableError(f"oracle {self.url}: malformed answer {item!r}")
        if "error" in item:
            raise OracleRefusedError(str(item["error"]), str(item.get("detail", "")))
        try:
            receipt = verify_receipt(bytes.fromhex(item["receipt"]))
        except (KeyError, TypeError, ValueError, MessageError) as err:  # TypeError: not a hex string
            raise OracleUnavailableError(f"oracle {self.url}: bad receipt: {err}") from None
        beat = signed.heartbeat
        if (
            (self._oracle is not None and receipt.oracle != self._oracle)
            or receipt.node != beat.node
            or receipt.sequence != beat.sequence
            or receipt.heartbeat_hash != signed.digest
        ):
            raise OracleUnavailableError(f"oracle {self.url}: the receipt is not for this heartbeat")
        return receipt

    async def send(self, signed: SignedHeartbeat) -> Receipt:
        """Send one heartbeat; the oracle's receipt, checked. Raises OracleRefusedError."""
        _, body = await self._request("POST", "/v1/heartbeat", signed.to_bytes())
        return self._receipt(body, signed)

    async def send_batch(self, batch: list[SignedHeartbeat]) -> list[Receipt | OracleRefusedError]:
        """Send up to the oracle's max_batch heartbeats in one request; per heartbeat, its
        checked receipt or the refusal."""
        status, body = await self._request("POST", "/v1/heartbeats", b"".join(s.to_bytes() for s in batch))
        if not isinstance(body, dict) or not isinstance(body.get("results"), list):
            if isinstance(body, dict) and "error" in body:
                raise OracleRefusedError(str(body["error"]), str(body.get("detail", "")))
            raise OracleUnavailableError(f"oracle {self.url}: HTTP {status}, malformed batch answer")
        if len(body["results"]) != len(batch):
            raise OracleUnavailableError(
                f"oracle {self.url}: {len(body['results'])} answers for {len(batch)} heartbeats"
            )
        out: list[Receipt | OracleRefusedError] = []
        for item, signed in zip(body["results"], batch, strict=True):
            try:
                out.append(self._receipt(item, signed))
            except OracleRefusedError as refused:
                out.append(refused)
        return out

    async def root(self, epoch: int | None = None) -> tuple[int, bytes, int, bytes] | None:
        """(epoch, root, leaf_count, signed statement) of `epoch` (default the latest closed),
        the statement's signature checked; None when not closed yet."""
        status, body = await self._request("GET", f"/v1/epochs/{'latest' if epoch is None else epoch}")
        if status == 404:
            return None
        try:
            statement = verify_statement(bytes.fromhex(body["statement"]))
        except (KeyError, TypeError, ValueError, MessageError) as err:
            raise OracleUnavailableError(f"oracle {self.url}: bad root statement: {err}") from None
        return statement.epoch, statement.root, statement.leaf_count, bytes.fromhex(body["statement"])

    async def node_proof(self, epoch: int, node: Pubkey) -> NodeProof | None:
        """The node's leaf and proof in `epoch`, verified against the signed root of that
        epoch; None when the epoch is not closed or the node has no leaf in it."""
        committed = await self.root(epoch)
        if committed is None:
            return None
        _, root, leaf_count, _ = committed
        status, body = await self._request("GET", f"/v1/epochs/{epoch}/nodes/{node}")
        if status == 404:
            return None
        try:
            leaf_bytes = bytes.fromhex(body["leaf"])
            proof = merkle.Proof.from_bytes(bytes.fromhex(body["proof"]))
            leaf = LivenessLeaf.from_bytes(leaf_bytes)
        except (KeyError, TypeError, ValueError) as err:
            raise OracleUnavailableError(f"oracle {self.url}: malformed proof: {err}") from None
        if proof.leaf_count != leaf_count or leaf.node != node or not merkle.verify(root, leaf_bytes, proof):
            raise ProofMismatchError(f"oracle {self.url}: the leaf of {node} does not prove against the root")
        return NodeProof(epoch, root, leaf, leaf_bytes, proof)


async def proven_leaf(
    oracles: tuple[str, ...], epoch: int, node: Pubkey, root: bytes
) -> tuple[bytes, merkle.Proof] | None:
    """The node's leaf and proof in `epoch` from the first of `oracles` that serves one
    hashing to `root` (the on-chain root in effect, not only the one the oracle signed);
    None when none does (the node was not heard, or the oracles are down). An oracle that
    answers with another root is passed over (logged by the caller as skipped)."""
    for url in oracles:
        try:
            async with OracleClient(url) as oracle:
                found = await oracle.node_proof(epoch, node)
        except IonetError:  # unavailable, or a proof that does not match its own root
            continue
        if found is not None and found.root == root and merkle.verify(root, found.leaf_bytes, found.proof):
            return found.leaf_bytes, found.proof
    return None


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """A node's leaf in `epoch` (128 bytes) and its proof against that epoch's on-chain root."""

    node: Pubkey
    epoch: int
    leaf: bytes
    proof: merkle.Proof


async def find_sync(
    client: IonetClient,
    oracles: tuple[str, ...],
    node: Pubkey,
    *,
    epoch: int | None = None,
    lookback: int = 8,
) -> SyncPlan:
    """The node's newest leaf that `node_sync` accepts now: from the latest epoch any of
    `oracles` closed back `lookback` epochs (or `epoch` alone), the first whose on-chain root
    is in effect and newer than the node's `synced_epoch`, with a leaf from one of `oracles`
    hashing to that on-chain root. Raises `NoSyncError` (with why), `AccountNotFoundError`
    (no such node), `OracleUnavailableError` when every oracle is down."""
    if epoch is not None:
        candidates = [epoch]
    else:
        latest: list[int] = []
        down: list[str] = []
        for url in oracles:
            try:
                async with OracleClient(url) as source:
                    closed = await source.root()
            except OracleUnavailableError as err:
                down.append(str(err))
                continue
            if closed is not None:
                latest.append(closed[0])
        if not latest:
            if down and len(down) == len(oracles):
                raise OracleUnavailableError("; ".join(down))
            raise NoSyncError(f"no oracle of {', '.join(oracles)} has closed an epoch yet")
        top = max(latest)
        candidates = list(range(top, max(-1, top - lookback), -1))
    synced = synced_through(await client.node(node))
    in_effect = False
    for e in candidates:
        if e <= synced:
            break
        on_chain = await client.effective_epoch_root(e)
        if on_chain is None:
            continue
        in_effect = True
        found = await proven_leaf(oracles, e, node, on_chain[1])
        if found is not None:
            return SyncPlan(node, e, found[0], found[1])
    if candidates and candidates[0] <= synced:
        raise NoSyncError(f"node {node} is already synced to epoch {synced}")
    if not in_effect:
        raise NoSyncError(
            f"no root in effect on-chain for epoch(s) {candidates[-1]}..{candidates[0]} newer than the "
            f"node's epoch {synced} (not committed, or inside its challenge window)"
        )
    raise NoSyncError(f"node {node} has no leaf proving against the on-chain root at {', '.join(oracles)}")
