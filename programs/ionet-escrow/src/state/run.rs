//! One assigned node's record in a job: its GPUs, start and usage receipts.

use anchor_lang::prelude::*;

use crate::constants::RUN_SEED;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RunStatus {
    /// Assigned by the matcher; the node has not started.
    Assigned,
    /// Started by the node's agent; usage receipts accrue.
    Running,
    /// Timed out (did not start, or went silent): no further receipts; the
    /// undelivered part was refunded and a slash proposed.
    Removed,
}

impl RunStatus {
    pub fn from_u8(value: u8) -> RunStatus {
        match value {
            1 => RunStatus::Running,
            2 => RunStatus::Removed,
            _ => RunStatus::Assigned,
        }
    }
}

/// Seeds: `[RUN_SEED, job, node]`. Closed when settled (rent to `rent_payer`).
///
/// Zero-copy: usage receipts, the hottest path, write 16 bytes in place. A run
/// is its own account so that the nodes of one job report in parallel.
#[account(zero_copy)]
pub struct Run {
    /// Cumulative GPU-seconds delivered, from the agent's receipts.
    pub gpu_seconds: u64,
    /// unit: unix seconds; 0 until started
    pub started_at: i64,
    /// unit: unix seconds; 0 before the first receipt
    pub last_report_at: i64,
    /// unit: unix seconds; 0 unless removed
    pub removed_at: i64,
    pub job: Pubkey,
    pub node: Pubkey,
    /// The node's agent key when assigned: signs the start and the receipts.
    pub agent: Pubkey,
    /// The node's operator: owner of the token account that is paid.
    pub operator: Pubkey,
    /// Paid this account's rent; gets it back when the run closes.
    pub rent_payer: Pubkey,
    pub gpus: u16,
    /// A `RunStatus`.
    pub status: u8,
    pub bump: u8,
    /// Space for fields added by later versions.
    pub reserved: [u8; 36],
}

impl Run {
    pub const SPACE: usize = 8 + core::mem::size_of::<Run>();

    pub fn status(&self) -> RunStatus {
        RunStatus::from_u8(self.status)
    }

    /// Whether `key` is this run's PDA `[RUN_SEED, job, node]` with its stored bump.
    pub fn is_at(&self, key: &Pubkey) -> bool {
        crate::pda::is_program_address(
            key,
            &[RUN_SEED, self.job.as_ref(), self.node.as_ref()],
            self.bump,
        )
    }
}
