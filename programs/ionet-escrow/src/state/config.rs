//! The escrow's global config PDA.

use anchor_lang::prelude::*;

use crate::state::EscrowParams;

/// Seeds: `[CONFIG_SEED]`. One per program.
#[account]
#[derive(InitSpace)]
pub struct EscrowConfig {
    /// Changes parameters and authorities. Any pubkey (a multisig works).
    pub admin: Pubkey,
    /// The off-chain matching service's key: assigns nodes to jobs.
    pub matcher: Pubkey,
    /// Decides disputes.
    pub arbiter: Pubkey,
    /// The IO mint jobs are paid in.
    pub payment_mint: Pubkey,
    /// IO token account receiving the non-burned share of fees and lost dispute bonds.
    pub treasury: Pubkey,
    pub params: EscrowParams,
    pub bump: u8,
    /// Space for fields added by later versions.
    pub reserved: [u8; 60],
}

impl EscrowConfig {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;
}
