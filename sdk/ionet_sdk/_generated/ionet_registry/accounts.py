"""Accounts of ionet_registry: decode, fetch and fetch_multiple.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from solders.pubkey import Pubkey

from ionet_sdk.accounts import AccountInfo, AccountSource
from ionet_sdk.codec import Reader, Writer
from ionet_sdk.errors import AccountDiscriminatorMismatchError, AccountOwnerMismatchError, DecodeError

from .constants import PROGRAM_ID
from .types import (
    Attestation,
    GpuModel,
    GpuTier,
    NodeHardware,
    NodeStatus,
    Offense,
    RegistryParams,
    RootProposal,
    SlashStatus,
)


@dataclass(frozen=True, slots=True)
class EpochRoot:
    """
    Seeds: `[EPOCH_ROOT_SEED, epoch (u64 LE)]`. Created by the first oracle vote.

    Votes are counted against the config's *current* oracle list whenever they are
    read: an oracle removed (for equivocation, or by the admin) no longer counts in
    any root that is not yet final, so a root whose quorum depended on it is no
    longer in effect. A root becomes final at its first sync after its challenge
    window, and stays in effect from then on whatever the oracle list becomes.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([84, 115, 245, 96, 45, 165, 224, 31])

    epoch: int
    """The IO token's epoch the leaves run through."""
    quorum_at: int
    """
    When `accepted` reached the quorum (its challenge window started). unit:
    unix seconds; 0 while no proposal has
    """
    accepted: int
    """The proposal that reached the quorum (meaningful when `quorum_at != 0`)."""
    is_final: bool
    """
    Set by the first sync after the challenge window: the root no longer depends
    on the oracle list.
    """
    bump: int
    voters: list[Pubkey]
    """Every oracle that voted in this epoch, in vote order (each votes once)."""
    proposals: list[RootProposal]
    """The distinct `(root, leaf_count)` proposals, in order of first vote."""

    @classmethod
    def read(cls, r: Reader) -> EpochRoot:
        return cls(
            epoch=r.u64(),
            quorum_at=r.i64(),
            accepted=r.u8(),
            is_final=r.bool(),
            bump=r.u8(),
            voters=r.vec(Reader.pubkey),
            proposals=r.vec(RootProposal.read),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.epoch)
        w.i64(self.quorum_at)
        w.u8(self.accepted)
        w.bool(self.is_final)
        w.u8(self.bump)
        w.vec(self.voters, Writer.pubkey)
        w.vec(self.proposals, lambda w, v: v.write(w))

    @classmethod
    def decode(cls, data: bytes) -> EpochRoot:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a EpochRoot: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> EpochRoot:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_registry")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> EpochRoot | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(cls, conn: AccountSource, addresses: Sequence[Pubkey]) -> list[EpochRoot | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class FingerprintIndex:
    """
    Seeds: `[FINGERPRINT_SEED, fingerprint]`. Claimed by the first node whose passing
    attestation measured that hardware fingerprint; while that node holds it
    (`Node.claimed_fingerprint`), no other node passes an attestation with it. A node
    gives it up by changing its declared hardware or deregistering; the next node
    attested on those GPUs then takes the index over (showing the old holder), so the
    index is created once and reused rather than closed.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([41, 36, 241, 43, 110, 6, 231, 103])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32s32sB")

    node: Pubkey
    """
    The node holding the fingerprint; the default key while unclaimed (created by a
    failed attestation).
    """
    rent_payer: Pubkey
    """Paid the rent (the verifier that created it)."""
    bump: int

    @classmethod
    def read(cls, r: Reader) -> FingerprintIndex:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("FingerprintIndex: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                Pubkey.from_bytes(v[1]),  # rent_payer
                v[2],  # bump
            )
        except ValueError as err:
            raise DecodeError(f"FingerprintIndex: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.pubkey(self.rent_payer)
        w.u8(self.bump)

    @classmethod
    def decode(cls, data: bytes) -> FingerprintIndex:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a FingerprintIndex: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> FingerprintIndex:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_registry")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> FingerprintIndex | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[FingerprintIndex | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class Node:
    """
    Seeds: `[NODE_SEED, operator, node_id (u64 LE)]`.

    Zero-copy (`repr(C)`, fields ordered by alignment, explicit reserve): the
    sync, job and attestation paths read and write it in place instead of
    Borsh-decoding and re-encoding ~450 bytes on every call.
    """

    DISCRIMINATOR: ClassVar[bytes] = bytes([208, 53, 1, 3, 49, 122, 180, 49])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct(
        "<QQQqq16sqQQQQqq32s32sIIIHHHBBB3s32s32s32s32sIHHBBBB8s32sIIIIIHHHHHBBBBHQQQQQQqII32sQQQQQQQ8s"
    )

    node_id: int
    bonded: int
    """precision: IO base units (1e8)"""
    unbonding: int
    """Requested for withdrawal; still slashable. precision: IO base units (1e8)"""
    unbonding_ready_at: int
    """unit: unix seconds"""
    registered_at: int
    """unit: unix seconds"""
    reserved_liveness: list[int]
    """
    Was the on-chain heartbeat (removed: liveness is proven by `node_sync`);
    zero, free for a later version.
    """
    slash_epoch_start: int
    """unit: unix seconds"""
    slashed_in_epoch: int
    """precision: IO base units (1e8)"""
    slashed_total: int
    """precision: IO base units (1e8)"""
    delivered_gpu_seconds: int
    """
    GPU-seconds delivered in jobs, as the escrow reported them on release
    (cumulative): what the IO token's work rewards accrue from.
    """
    attestation: Attestation
    operator: Pubkey
    agent: Pubkey
    """
    The worker agent's hot key: signs off-chain heartbeats, run starts and usage
    receipts (the operator's key stays cold).
    """
    vault: Pubkey
    """The node's stake vault: an SPL token account of the stake mint owned by this node PDA."""
    spoofing_evidence: list[int]
    """Hash of the failed attestation that flagged spoofing; zero if none."""
    declared: NodeHardware
    slash_count: int
    """Number of slash proposals ever made (the next proposal's index)."""
    jobs_completed: int
    jobs_failed: int
    attestations_passed: int
    attestations_failed: int
    active_jobs: int
    committed_gpus: int
    pending_slashes: int
    uptime_bps: int
    """Time-weighted uptime ratio from the last synced liveness leaf (`node_sync`). precision: bps"""
    reputation_bps: int
    """precision: bps"""
    status: NodeStatus
    """A `NodeStatus`."""
    effective_tier: GpuTier
    """A `GpuTier`, from the attested hardware; `Other` until a passing attestation."""
    bump: int
    padding: int
    open_proposals: int
    """
    Slash proposal accounts of this node not yet closed (`slash_close`):
    the node cannot deregister while any lives on (a re-registered node
    would restart its proposal index under them).
    """
    min_price_per_gpu_hour: int
    """
    The lowest price per GPU-hour the operator accepts: the escrow refuses
    to assign the node to a cheaper job. precision: IO base units (1e8)
    """
    slashed_share_ppb: int
    """
    Shares of the stake executed slashes took, each measured against the
    stake its proposal froze (a later top-up cannot dilute it); cumulative,
    may exceed 1e9 after several slashes. The IO token program forfeits the
    same share of locked rewards. precision: ppb (1e9 = the whole stake)
    """
    synced_epoch: int
    """
    The epoch of the liveness leaf the node was last synced to (`node_sync`);
    0 = never. The figures below are that leaf's, proven against a committed root.
    """
    proven_uptime_secs: int
    """Cumulative seconds the oracles heard the node. unit: seconds"""
    proven_observed_secs: int
    """Cumulative seconds since the oracles first heard the node. unit: seconds"""
    proven_availability_points: int
    """
    Cumulative availability points (uptime times GPUs times tier weight, each epoch at the
    tier of that epoch): what the IO token's availability rewards accrue from.
    """
    last_seen: int
    """When an oracle last heard the node. unit: unix seconds (oracle clock); 0 = never"""
    last_epoch_uptime_secs: int
    """Uptime in the synced epoch alone. unit: seconds"""
    slashes_executed: int
    """Slashes executed against the node (each lowers its reputation)."""
    claimed_fingerprint: list[int]
    """
    The hardware fingerprint whose index (`["fingerprint", fingerprint]`) this node
    holds: no other node can pass an attestation with it. Zero = none.
    """
    work_fees_by_tier: list[int]
    """
    Protocol fees charged on the pay of the runs this node delivered,
    cumulative, by the GPU tier they were delivered on (the job's tier, fixed
    when it was matched): what the IO token's work rewards accrue from, so
    that no job earns more from emissions than it burned.
    precision: IO base units (1e8), indexed by `GpuTier`
    """
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> Node:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("Node: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                v[0],  # node_id
                v[1],  # bonded
                v[2],  # unbonding
                v[3],  # unbonding_ready_at
                v[4],  # registered_at
                list(v[5]),  # reserved_liveness
                v[6],  # slash_epoch_start
                v[7],  # slashed_in_epoch
                v[8],  # slashed_total
                v[9],  # delivered_gpu_seconds
                Attestation(
                    v[10],
                    v[11],
                    v[12],
                    Pubkey.from_bytes(v[13]),
                    list(v[14]),
                    v[15],
                    v[16],
                    v[17],
                    v[18],
                    v[19],
                    v[20],
                    GpuModel(v[21]),
                    v[22],
                    v[23],
                    list(v[24]),
                ),  # attestation
                Pubkey.from_bytes(v[25]),  # operator
                Pubkey.from_bytes(v[26]),  # agent
                Pubkey.from_bytes(v[27]),  # vault
                list(v[28]),  # spoofing_evidence
                NodeHardware(
                    v[29], v[30], v[31], GpuModel(v[32]), v[33], v[34], v[35], list(v[36]), list(v[37])
                ),  # declared
                v[38],  # slash_count
                v[39],  # jobs_completed
                v[40],  # jobs_failed
                v[41],  # attestations_passed
                v[42],  # attestations_failed
                v[43],  # active_jobs
                v[44],  # committed_gpus
                v[45],  # pending_slashes
                v[46],  # uptime_bps
                v[47],  # reputation_bps
                NodeStatus(v[48]),  # status
                GpuTier(v[49]),  # effective_tier
                v[50],  # bump
                v[51],  # padding
                v[52],  # open_proposals
                v[53],  # min_price_per_gpu_hour
                v[54],  # slashed_share_ppb
                v[55],  # synced_epoch
                v[56],  # proven_uptime_secs
                v[57],  # proven_observed_secs
                v[58],  # proven_availability_points
                v[59],  # last_seen
                v[60],  # last_epoch_uptime_secs
                v[61],  # slashes_executed
                list(v[62]),  # claimed_fingerprint
                list(v[63:70]),  # work_fees_by_tier
                list(v[70]),  # reserved
            )
        except ValueError as err:
            raise DecodeError(f"Node: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.u64(self.node_id)
        w.u64(self.bonded)
        w.u64(self.unbonding)
        w.i64(self.unbonding_ready_at)
        w.i64(self.registered_at)
        w.array(self.reserved_liveness, Writer.u8, 16)
        w.i64(self.slash_epoch_start)
        w.u64(self.slashed_in_epoch)
        w.u64(self.slashed_total)
        w.u64(self.delivered_gpu_seconds)
        self.attestation.write(w)
        w.pubkey(self.operator)
        w.pubkey(self.agent)
        w.pubkey(self.vault)
        w.array(self.spoofing_evidence, Writer.u8, 32)
        self.declared.write(w)
        w.u32(self.slash_count)
        w.u32(self.jobs_completed)
        w.u32(self.jobs_failed)
        w.u32(self.attestations_passed)
        w.u32(self.attestations_failed)
        w.u16(self.active_jobs)
        w.u16(self.committed_gpus)
        w.u16(self.pending_slashes)
        w.u16(self.uptime_bps)
        w.u16(self.reputation_bps)
        self.status.write(w)
        self.effective_tier.write(w)
        w.u8(self.bump)
        w.u8(self.padding)
        w.u16(self.open_proposals)
        w.u64(self.min_price_per_gpu_hour)
        w.u64(self.slashed_share_ppb)
        w.u64(self.synced_epoch)
        w.u64(self.proven_uptime_secs)
        w.u64(self.proven_observed_secs)
        w.u64(self.proven_availability_points)
        w.i64(self.last_seen)
        w.u32(self.last_epoch_uptime_secs)
        w.u32(self.slashes_executed)
        w.array(self.claimed_fingerprint, Writer.u8, 32)
        w.array(self.work_fees_by_tier, Writer.u64, 7)
        w.array(self.reserved, Writer.u8, 8)

    @classmethod
    def decode(cls, data: bytes) -> Node:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a Node: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> Node:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_registry")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> Node | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(cls, conn: AccountSource, addresses: Sequence[Pubkey]) -> list[Node | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class RegistryConfig:
    """Seeds: `[CONFIG_SEED]`. One per program."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([23, 118, 10, 246, 173, 231, 243, 156])

    admin: Pubkey
    """Changes parameters and authorities, resolves appeals. Any pubkey (a multisig works)."""
    slashing_authority: Pubkey
    """May propose slashes."""
    job_authority: Pubkey
    """
    May propose slashes for failed jobs (the escrow program's authority PDA);
    the default key means none.
    """
    stake_mint: Pubkey
    """The IO mint stakes are bonded in."""
    treasury: Pubkey
    """IO token account receiving the non-burned share of slashes."""
    verifiers: list[Pubkey]
    """Keys allowed to record proof-of-compute attestations."""
    params: RegistryParams
    node_count: int
    """Nodes registered and not deregistered."""
    bump: int
    oracles: list[Pubkey]
    """
    Liveness oracles: sign and commit each epoch's root of node liveness leaves
    (docs/liveness.md). Distinct, non-default keys; `params.oracle_quorum` of them
    must agree on a root.
    """
    oracles_removed: int
    """Oracles removed for equivocation so far."""
    reserved: list[int]
    """Space for fields added by later versions."""

    @classmethod
    def read(cls, r: Reader) -> RegistryConfig:
        return cls(
            admin=r.pubkey(),
            slashing_authority=r.pubkey(),
            job_authority=r.pubkey(),
            stake_mint=r.pubkey(),
            treasury=r.pubkey(),
            verifiers=r.vec(Reader.pubkey),
            params=RegistryParams.read(r),
            node_count=r.u64(),
            bump=r.u8(),
            oracles=r.vec(Reader.pubkey),
            oracles_removed=r.u32(),
            reserved=r.array(Reader.u8, 64),
        )

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.admin)
        w.pubkey(self.slashing_authority)
        w.pubkey(self.job_authority)
        w.pubkey(self.stake_mint)
        w.pubkey(self.treasury)
        w.vec(self.verifiers, Writer.pubkey)
        self.params.write(w)
        w.u64(self.node_count)
        w.u8(self.bump)
        w.vec(self.oracles, Writer.pubkey)
        w.u32(self.oracles_removed)
        w.array(self.reserved, Writer.u8, 64)

    @classmethod
    def decode(cls, data: bytes) -> RegistryConfig:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a RegistryConfig: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> RegistryConfig:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_registry")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> RegistryConfig | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[RegistryConfig | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


@dataclass(frozen=True, slots=True)
class SlashProposal:
    """Seeds: `[SLASH_SEED, node, index (u32 LE)]`."""

    DISCRIMINATOR: ClassVar[bytes] = bytes([104, 26, 13, 94, 65, 203, 107, 43])
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<32sIB32sQQ32s32sqqBBQ32s")

    node: Pubkey
    index: int
    offense: Offense
    proposer: Pubkey
    amount: int
    """Frozen when proposed. precision: IO base units (1e8)"""
    executed: int
    """precision: IO base units (1e8)"""
    evidence_hash: list[int]
    """Hash of the evidence (a failed attestation, a missed-deadline record)."""
    appeal_hash: list[int]
    """Hash of the operator's appeal statement; zero if none."""
    proposed_at: int
    """unit: unix seconds"""
    appeal_deadline: int
    """unit: unix seconds"""
    status: SlashStatus
    bump: int
    stake_at_proposal: int
    """
    The node's stake (bonded + unbonding) when the amount froze: the per-epoch
    cap and the share of rewards forfeited are measured against it.
    precision: IO base units (1e8)
    """
    rent_payer: Pubkey
    """Paid this account's rent; gets it back from `slash_close`."""

    @classmethod
    def read(cls, r: Reader) -> SlashProposal:
        try:
            v = cls.LAYOUT.unpack_from(r.data, r.offset)
        except struct.error as err:
            raise DecodeError("SlashProposal: data too short") from err
        r.offset += cls.LAYOUT.size
        try:
            return cls(
                Pubkey.from_bytes(v[0]),  # node
                v[1],  # index
                Offense(v[2]),  # offense
                Pubkey.from_bytes(v[3]),  # proposer
                v[4],  # amount
                v[5],  # executed
                list(v[6]),  # evidence_hash
                list(v[7]),  # appeal_hash
                v[8],  # proposed_at
                v[9],  # appeal_deadline
                SlashStatus(v[10]),  # status
                v[11],  # bump
                v[12],  # stake_at_proposal
                Pubkey.from_bytes(v[13]),  # rent_payer
            )
        except ValueError as err:
            raise DecodeError(f"SlashProposal: {err}") from err

    def write(self, w: Writer) -> None:
        w.raw(self.DISCRIMINATOR)
        w.pubkey(self.node)
        w.u32(self.index)
        self.offense.write(w)
        w.pubkey(self.proposer)
        w.u64(self.amount)
        w.u64(self.executed)
        w.array(self.evidence_hash, Writer.u8, 32)
        w.array(self.appeal_hash, Writer.u8, 32)
        w.i64(self.proposed_at)
        w.i64(self.appeal_deadline)
        self.status.write(w)
        w.u8(self.bump)
        w.u64(self.stake_at_proposal)
        w.pubkey(self.rent_payer)

    @classmethod
    def decode(cls, data: bytes) -> SlashProposal:
        """Decode account data, checking the 8-byte discriminator."""
        if data[:8] != cls.DISCRIMINATOR:
            raise AccountDiscriminatorMismatchError("not a SlashProposal: discriminator mismatch")
        return cls.read(Reader(data, 8))

    def encode(self) -> bytes:
        w = Writer()
        self.write(w)
        return w.getvalue()

    @classmethod
    def from_account(cls, info: AccountInfo) -> SlashProposal:
        """Decode an account read from a connection, checking its owner."""
        if info.owner != PROGRAM_ID:
            raise AccountOwnerMismatchError(f"{info.address} is owned by {info.owner}, not ionet_registry")
        return cls.decode(info.data)

    @classmethod
    async def fetch(cls, conn: AccountSource, address: Pubkey) -> SlashProposal | None:
        """Fetch and decode; None if the account does not exist."""
        info = await conn.get_account(address)
        return None if info is None else cls.from_account(info)

    @classmethod
    async def fetch_multiple(
        cls, conn: AccountSource, addresses: Sequence[Pubkey]
    ) -> list[SlashProposal | None]:
        infos = await conn.get_multiple_accounts(addresses)
        return [None if i is None else cls.from_account(i) for i in infos]


ACCOUNTS: dict[bytes, type[EpochRoot | FingerprintIndex | Node | RegistryConfig | SlashProposal]] = {
    EpochRoot.DISCRIMINATOR: EpochRoot,
    FingerprintIndex.DISCRIMINATOR: FingerprintIndex,
    Node.DISCRIMINATOR: Node,
    RegistryConfig.DISCRIMINATOR: RegistryConfig,
    SlashProposal.DISCRIMINATOR: SlashProposal,
}
