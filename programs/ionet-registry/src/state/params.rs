//! Governable registry parameters and their on-chain bounds.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, GPU_TIER_COUNT, MAX_ORACLES, OFFENSE_COUNT};
use crate::error::RegistryError;

/// IO has 8 decimals: one IO is 10^8 base units.
pub const IO: u64 = 100_000_000;
const HOUR: u32 = 3_600;
const DAY: u32 = 24 * HOUR;

/// Bounds that no parameter change can cross (inclusive).
pub const BASE_STAKE_PER_GPU_MIN: u64 = IO;
pub const BASE_STAKE_PER_GPU_MAX: u64 = 1_000_000 * IO;
pub const TIER_MULTIPLIER_BPS_MIN: u16 = 1_000;
pub const TIER_MULTIPLIER_BPS_MAX: u16 = 60_000;
pub const UNBONDING_PERIOD_SECS_MIN: u32 = HOUR;
pub const UNBONDING_PERIOD_SECS_MAX: u32 = 90 * DAY;
pub const HEARTBEAT_INTERVAL_SECS_MIN: u32 = 10;
pub const HEARTBEAT_INTERVAL_SECS_MAX: u32 = HOUR;
pub const HEARTBEAT_GRACE_SECS_MAX: u32 = DAY;
pub const ATTESTATION_VALIDITY_SECS_MIN: u32 = HOUR;
pub const ATTESTATION_VALIDITY_SECS_MAX: u32 = 90 * DAY;
pub const APPEAL_WINDOW_SECS_MIN: u32 = HOUR;
pub const APPEAL_WINDOW_SECS_MAX: u32 = 30 * DAY;
pub const SLASH_EPOCH_SECS_MIN: u32 = HOUR;
pub const SLASH_EPOCH_SECS_MAX: u32 = 30 * DAY;
pub const EPOCH_SLASH_CAP_BPS_MIN: u16 = 100;
pub const ROOT_CHALLENGE_SECS_MIN: u32 = 60;
pub const ROOT_CHALLENGE_SECS_MAX: u32 = 7 * DAY;
pub const LIVENESS_MAX_AGE_SECS_MAX: u32 = 14 * DAY;
pub const MIN_EPOCH_UPTIME_SECS_MAX: u32 = DAY;

/// GPU tiers, highest first. A node's tier sets its minimum stake.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum GpuTier {
    /// H200, H100
    H100Class,
    A100,
    L40S,
    /// A6000, A5000
    A6000Class,
    Rtx4090,
    Rtx3090,
    Other,
}

impl GpuTier {
    pub fn from_u8(value: u8) -> GpuTier {
        match value {
            0 => GpuTier::H100Class,
            1 => GpuTier::A100,
            2 => GpuTier::L40S,
            3 => GpuTier::A6000Class,
            4 => GpuTier::Rtx4090,
            5 => GpuTier::Rtx3090,
            _ => GpuTier::Other,
        }
    }
}

/// Slashable offenses; `RegistryParams::slash_bps` is indexed by these.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum Offense {
    /// Declared hardware differs from what a verifier attested.
    HardwareSpoofing,
    /// The node failed a job: did not start by the deadline or went silent.
    JobFailure,
    /// Heartbeats stopped beyond the grace period.
    Downtime,
    /// Any other proven misconduct.
    Misconduct,
}

/// How a job ended for one node, as the escrow program reports it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum JobOutcome {
    /// Delivered and settled: counts toward reputation.
    Completed,
    /// Did not start or went silent: counts against reputation.
    Failed,
    /// Cancelled before it started: no effect on reputation.
    Cancelled,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct RegistryParams {
    /// Stake bonded per GPU at multiplier 1x. precision: IO base units (1e8)
    pub base_stake_per_gpu: u64,
    /// Stake multiplier per `GpuTier`, highest tier first. precision: bps (1e4 = 1x)
    pub tier_multiplier_bps: [u16; GPU_TIER_COUNT],
    /// Time between an unstake request and the withdrawal. unit: seconds
    pub unbonding_period_secs: u32,
    /// Expected time between an agent's signed off-chain heartbeats to the oracles
    /// (docs/liveness.md §3): the oracles' coverage of one heartbeat. unit: seconds
    pub heartbeat_interval_secs: u32,
    /// Extra coverage the oracles grant a heartbeat beyond the interval (network jitter). unit: seconds
    pub heartbeat_grace_secs: u32,
    /// How long an attestation stays valid. unit: seconds
    pub attestation_validity_secs: u32,
    /// Slash size per `Offense`, as a share of the node's bonded stake. precision: bps
    pub slash_bps: [u16; OFFENSE_COUNT],
    /// Time an operator has to appeal a proposed slash. unit: seconds
    pub appeal_window_secs: u32,
    /// Length of the window the per-epoch slash cap applies to. unit: seconds
    pub slash_epoch_secs: u32,
    /// Most of a node's stake that may be slashed in one slash epoch. precision: bps
    pub epoch_slash_cap_bps: u16,
    /// Share of slashed tokens burned; the rest goes to the treasury. precision: bps
    pub slash_burn_bps: u16,
    /// Reputation weight of uptime (oracle-proven). precision: bps; the three weights sum to 1e4
    pub reputation_uptime_weight_bps: u16,
    /// Reputation weight of job outcomes. precision: bps
    pub reputation_jobs_weight_bps: u16,
    /// Reputation weight of passed attestations. precision: bps
    pub reputation_attestation_weight_bps: u16,
    /// Reputation of a newly registered node. precision: bps
    pub initial_reputation_bps: u16,
    /// Liveness oracles that must commit the same root of an epoch before it can take
    /// effect (`m` of the config's `n` oracles; a strict majority of them).
    pub oracle_quorum: u8,
    /// Time after a root reached its quorum during which an oracle's equivocation can
    /// still void it; syncs against it are refused until then. unit: seconds
    pub root_challenge_secs: u32,
    /// How old the last oracle-proven sighting of a node (`Node.last_seen`) may be for
    /// the node to count as alive (eligible for work). Longer than the challenge
    /// window, which delays every root. unit: seconds
    pub liveness_max_age_secs: u32,
    /// Least uptime the node's last synced epoch must show for the node to count as
    /// alive. unit: seconds
    pub min_epoch_uptime_secs: u32,
}

impl RegistryParams {
    /// The defaults from the product brief.
    pub const DEFAULT: RegistryParams = RegistryParams {
        base_stake_per_gpu: 200 * IO,
        tier_multiplier_bps: [50_000, 30_000, 20_000, 15_000, 10_000, 7_500, 5_000],
        unbonding_period_secs: 14 * DAY,
        heartbeat_interval_secs: 60,
        heartbeat_grace_secs: 120,
        attestation_validity_secs: 7 * DAY,
        slash_bps: [5_000, 1_000, 200, 10_000],
        appeal_window_secs: 2 * DAY,
        slash_epoch_secs: DAY,
        epoch_slash_cap_bps: 5_000,
        slash_burn_bps: 5_000,
        reputation_uptime_weight_bps: 4_000,
        reputation_jobs_weight_bps: 4_000,
        reputation_attestation_weight_bps: 2_000,
        initial_reputation_bps: 5_000,
        oracle_quorum: 1,
        root_challenge_secs: 2 * HOUR,
        liveness_max_age_secs: 4 * HOUR,
        min_epoch_uptime_secs: HOUR / 2,
    };

    /// Checks every parameter against its bounds.
    pub fn validate(&self) -> Result<()> {
        let bps = BPS_DENOMINATOR as u16;
        require!(
            (BASE_STAKE_PER_GPU_MIN..=BASE_STAKE_PER_GPU_MAX).contains(&self.base_stake_per_gpu),
            RegistryError::ParamOutOfBounds
        );
        for m in self.tier_multiplier_bps {
            require!(
                (TIER_MULTIPLIER_BPS_MIN..=TIER_MULTIPLIER_BPS_MAX).contains(&m),
                RegistryError::ParamOutOfBounds
            );
        }
        require!(
            self.tier_multiplier_bps.windows(2).all(|w| w[0] >= w[1]),
            RegistryError::TierMultipliersNotMonotonic
        );
        require!(
            (UNBONDING_PERIOD_SECS_MIN..=UNBONDING_PERIOD_SECS_MAX)
                .contains(&self.unbonding_period_secs),
            RegistryError::ParamOutOfBounds
        );
        require!(
            (HEARTBEAT_INTERVAL_SECS_MIN..=HEARTBEAT_INTERVAL_SECS_MAX)
                .contains(&self.heartbeat_interval_secs),
            RegistryError::ParamOutOfBounds
        );
        require!(
            self.heartbeat_grace_secs <= HEARTBEAT_GRACE_SECS_MAX,
            RegistryError::ParamOutOfBounds
        );
        require!(
            (ATTESTATION_VALIDITY_SECS_MIN..=ATTESTATION_VALIDITY_SECS_MAX)
                .contains(&self.attestation_validity_secs),
            RegistryError::ParamOutOfBounds
        );
        require!(
            self.slash_bps.iter().all(|b| *b <= bps),
            RegistryError::ParamOutOfBounds
        );
        require!(
            (APPEAL_WINDOW_SECS_MIN..=APPEAL_WINDOW_SECS_MAX).contains(&self.appeal_window_secs),
            RegistryError::ParamOutOfBounds
        );
        require!(
            (SLASH_EPOCH_SECS_MIN..=SLASH_EPOCH_SECS_MAX).contains(&self.slash_epoch_secs),
            RegistryError::ParamOutOfBounds
        );
        require!(
            (EPOCH_SLASH_CAP_BPS_MIN..=bps).contains(&self.epoch_slash_cap_bps),
            RegistryError::ParamOutOfBounds
        );
        require!(self.slash_burn_bps <= bps, RegistryError::ParamOutOfBounds);
        require!(
            self.initial_reputation_bps <= bps,
            RegistryError::ParamOutOfBounds
        );
        require!(
            (1..=MAX_ORACLES).contains(&usize::from(self.oracle_quorum)),
            RegistryError::ParamOutOfBounds
        );
        require!(
            (ROOT_CHALLENGE_SECS_MIN..=ROOT_CHALLENGE_SECS_MAX).contains(&self.root_challenge_secs),
            RegistryError::ParamOutOfBounds
        );
        require!(
            self.liveness_max_age_secs > self.root_challenge_secs
                && self.liveness_max_age_secs <= LIVENESS_MAX_AGE_SECS_MAX,
            RegistryError::ParamOutOfBounds
        );
        require!(
            self.min_epoch_uptime_secs <= MIN_EPOCH_UPTIME_SECS_MAX,
            RegistryError::ParamOutOfBounds
        );
        let weights = u32::from(self.reputation_uptime_weight_bps)
            + u32::from(self.reputation_jobs_weight_bps)
            + u32::from(self.reputation_attestation_weight_bps);
        require!(
            weights == u32::from(bps),
            RegistryError::ReputationWeightsInvalid
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_within_bounds() {
        assert!(RegistryParams::DEFAULT.validate().is_ok());
    }

    #[test]
    fn rejects_increasing_tier_multipliers() {
        let mut p = RegistryParams::DEFAULT;
        p.tier_multiplier_bps[6] = 60_000;
        assert_eq!(
            p.validate().unwrap_err(),
            RegistryError::TierMultipliersNotMonotonic.into()
        );
    }

    #[test]
    fn rejects_each_out_of_bounds_field() {
        let cases: [fn(&mut RegistryParams); 12] = [
            |p| p.oracle_quorum = 0,
            |p| p.oracle_quorum = 9,
            |p| p.root_challenge_secs = 1,
            |p| p.liveness_max_age_secs = p.root_challenge_secs,
            |p| p.base_stake_per_gpu = 0,
            |p| p.unbonding_period_secs = 1,
            |p| p.heartbeat_interval_secs = 0,
            |p| p.attestation_validity_secs = u32::MAX,
            |p| p.slash_bps[0] = 10_001,
            |p| p.epoch_slash_cap_bps = 0,
            |p| p.slash_burn_bps = 10_001,
            |p| p.appeal_window_secs = 0,
        ];
        for set in cases {
            let mut p = RegistryParams::DEFAULT;
            set(&mut p);
            assert_eq!(
                p.validate().unwrap_err(),
                RegistryError::ParamOutOfBounds.into()
            );
        }
    }

    #[test]
    fn rejects_reputation_weights_not_summing_to_one() {
        let mut p = RegistryParams::DEFAULT;
        p.reputation_jobs_weight_bps += 1;
        assert_eq!(
            p.validate().unwrap_err(),
            RegistryError::ReputationWeightsInvalid.into()
        );
    }
}
