//! Events: one per state change, with the fields an indexer needs.

use anchor_lang::prelude::*;

use crate::state::RegistryParams;

/// The registry config was created.
#[event]
pub struct ConfigInitialized {
    pub config: Pubkey,
    pub admin: Pubkey,
    pub slashing_authority: Pubkey,
    pub stake_mint: Pubkey,
    pub treasury: Pubkey,
    pub verifiers: Vec<Pubkey>,
    pub params: RegistryParams,
}
