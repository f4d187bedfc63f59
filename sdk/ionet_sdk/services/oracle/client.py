"""A typed client of the oracle's HTTP API, for agents, keepers, the CLI and tests.

    async with OracleClient("http://127.0.0.1:8787") as oracle:
        info = await oracle.info()
        receipt = await oracle.send(signed_heartbeat)      # checked: signed by info.oracle
        proof = await oracle.node_proof(epoch, node)       # checked against the root

Errors: `OracleRefusedError` (the oracle refused a heartbeat: `.code` as in the service's
docs), `OracleUnavailableError` (transport failure, 5xx, or a malformed answer),
`ProofMismatchError` (a leaf and proof that do not hash to the root the oracle signed).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import aiohttp
from solders.pubkey import Pubkey

from ionet_sdk import merkle
from ionet_sdk.errors import IonetError
from ionet_sdk.heartbeat import MessageError, Receipt, SignedHeartbeat, verify_receipt, verify_statement
from ionet_sdk.liveness import Epochs, LivenessLeaf


class OracleRefusedError(IonetError):
    """The oracle refused a heartbeat; `code` says why (late, replay, wrong_agent, ...)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


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
