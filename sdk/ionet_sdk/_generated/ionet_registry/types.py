"""Types defined by ionet_registry.

Generated from target/idl/ionet_registry.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from dataclasses import dataclass

from solders.pubkey import Pubkey

from ionet_sdk.codec import Reader, Writer


@dataclass(frozen=True, slots=True)
class ConfigInitArgs:
    """Type `ConfigInitArgs`."""

    admin: Pubkey
    slashing_authority: Pubkey
    verifiers: list[Pubkey]
    params: RegistryParams

    @classmethod
    def read(cls, r: Reader) -> ConfigInitArgs:
        return cls(
            admin=r.pubkey(),
            slashing_authority=r.pubkey(),
            verifiers=r.vec(Reader.pubkey),
            params=RegistryParams.read(r),
        )

    def write(self, w: Writer) -> None:
        w.pubkey(self.admin)
        w.pubkey(self.slashing_authority)
        w.vec(self.verifiers, Writer.pubkey)
        self.params.write(w)


@dataclass(frozen=True, slots=True)
class RegistryParams:
    """Type `RegistryParams`."""

    base_stake_per_gpu: int
    """Stake bonded per GPU at multiplier 1x. precision: IO base units (1e8)"""
    tier_multiplier_bps: list[int]
    """Stake multiplier per `GpuTier`, highest tier first. precision: bps (1e4 = 1x)"""
    unbonding_period_secs: int
    """Time between an unstake request and the withdrawal. unit: seconds"""
    heartbeat_interval_secs: int
    """Expected time between heartbeats. unit: seconds"""
    heartbeat_grace_secs: int
    """Extra time after a missed heartbeat before a node may be marked inactive. unit: seconds"""
    attestation_validity_secs: int
    """How long an attestation stays valid. unit: seconds"""
    slash_bps: list[int]
    """Slash size per `Offense`, as a share of the node's bonded stake. precision: bps"""
    appeal_window_secs: int
    """Time an operator has to appeal a proposed slash. unit: seconds"""
    slash_epoch_secs: int
    """Length of the window the per-epoch slash cap applies to. unit: seconds"""
    epoch_slash_cap_bps: int
    """Most of a node's stake that may be slashed in one slash epoch. precision: bps"""
    slash_burn_bps: int
    """Share of slashed tokens burned; the rest goes to the treasury. precision: bps"""
    reputation_uptime_weight_bps: int
    """Reputation weight of uptime (heartbeats). precision: bps; the three weights sum to 1e4"""
    reputation_jobs_weight_bps: int
    """Reputation weight of job outcomes. precision: bps"""
    reputation_attestation_weight_bps: int
    """Reputation weight of passed attestations. precision: bps"""
    initial_reputation_bps: int
    """Reputation of a newly registered node. precision: bps"""

    @classmethod
    def read(cls, r: Reader) -> RegistryParams:
        return cls(
            base_stake_per_gpu=r.u64(),
            tier_multiplier_bps=r.array(Reader.u16, 7),
            unbonding_period_secs=r.u32(),
            heartbeat_interval_secs=r.u32(),
            heartbeat_grace_secs=r.u32(),
            attestation_validity_secs=r.u32(),
            slash_bps=r.array(Reader.u16, 4),
            appeal_window_secs=r.u32(),
            slash_epoch_secs=r.u32(),
            epoch_slash_cap_bps=r.u16(),
            slash_burn_bps=r.u16(),
            reputation_uptime_weight_bps=r.u16(),
            reputation_jobs_weight_bps=r.u16(),
            reputation_attestation_weight_bps=r.u16(),
            initial_reputation_bps=r.u16(),
        )

    def write(self, w: Writer) -> None:
        w.u64(self.base_stake_per_gpu)
        w.array(self.tier_multiplier_bps, Writer.u16, 7)
        w.u32(self.unbonding_period_secs)
        w.u32(self.heartbeat_interval_secs)
        w.u32(self.heartbeat_grace_secs)
        w.u32(self.attestation_validity_secs)
        w.array(self.slash_bps, Writer.u16, 4)
        w.u32(self.appeal_window_secs)
        w.u32(self.slash_epoch_secs)
        w.u16(self.epoch_slash_cap_bps)
        w.u16(self.slash_burn_bps)
        w.u16(self.reputation_uptime_weight_bps)
        w.u16(self.reputation_jobs_weight_bps)
        w.u16(self.reputation_attestation_weight_bps)
        w.u16(self.initial_reputation_bps)
