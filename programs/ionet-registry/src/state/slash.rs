//! A proposed slash: frozen amount, evidence, appeal window.

use anchor_lang::prelude::*;

use crate::constants::SLASH_SEED;
use crate::state::Offense;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum SlashStatus {
    /// Waiting for the appeal window to close.
    Proposed,
    /// The operator appealed; waiting for the admin.
    Appealed,
    /// The admin upheld the appeal's slash; executable.
    Upheld,
    /// The admin overturned it; final.
    Overturned,
    /// Fully executed (or the stake ran out); final.
    Executed,
}

impl SlashStatus {
    /// Overturned or executed: nothing can change it any more.
    pub fn is_final(self) -> bool {
        matches!(self, SlashStatus::Overturned | SlashStatus::Executed)
    }
}

/// Seeds: `[SLASH_SEED, node, index (u32 LE)]`.
#[account]
#[derive(InitSpace)]
pub struct SlashProposal {
    pub node: Pubkey,
    pub index: u32,
    pub offense: Offense,
    pub proposer: Pubkey,
    /// Frozen when proposed. precision: IO base units (1e8)
    pub amount: u64,
    /// precision: IO base units (1e8)
    pub executed: u64,
    /// Hash of the evidence (a failed attestation, a missed-deadline record).
    pub evidence_hash: [u8; 32],
    /// Hash of the operator's appeal statement; zero if none.
    pub appeal_hash: [u8; 32],
    /// unit: unix seconds
    pub proposed_at: i64,
    /// unit: unix seconds
    pub appeal_deadline: i64,
    pub status: SlashStatus,
    pub bump: u8,
    /// The node's stake (bonded + unbonding) when the amount froze: the per-epoch
    /// cap and the share of rewards forfeited are measured against it.
    /// precision: IO base units (1e8)
    pub stake_at_proposal: u64,
    /// Paid this account's rent; gets it back from `slash_close`.
    pub rent_payer: Pubkey,
}

impl SlashProposal {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;

    /// Whether `key` is this proposal's PDA `[SLASH_SEED, node, index]` with its stored bump.
    pub fn is_at(&self, key: &Pubkey) -> bool {
        crate::pda::is_program_address(
            key,
            &[SLASH_SEED, self.node.as_ref(), &self.index.to_le_bytes()],
            self.bump,
        )
    }
}
