//! The registry's global config PDA.

use anchor_lang::prelude::*;

use crate::constants::MAX_VERIFIERS;
use crate::error::RegistryError;
use crate::state::RegistryParams;

/// Seeds: `[CONFIG_SEED]`. One per program.
#[account]
#[derive(InitSpace)]
pub struct RegistryConfig {
    /// Changes parameters and authorities, resolves appeals. Any pubkey (a multisig works).
    pub admin: Pubkey,
    /// May propose slashes.
    pub slashing_authority: Pubkey,
    /// May propose slashes for failed jobs (the escrow program's authority PDA);
    /// the default key means none.
    pub job_authority: Pubkey,
    /// The IO mint stakes are bonded in.
    pub stake_mint: Pubkey,
    /// IO token account receiving the non-burned share of slashes.
    pub treasury: Pubkey,
    /// Keys allowed to record proof-of-compute attestations.
    #[max_len(MAX_VERIFIERS)]
    pub verifiers: Vec<Pubkey>,
    pub params: RegistryParams,
    /// Nodes registered and not deregistered.
    pub node_count: u64,
    pub bump: u8,
    /// Space for fields added by later versions.
    pub reserved: [u8; 64],
}

impl RegistryConfig {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;

    /// Checks the stored invariants; run after every change.
    pub fn invariant(&self) -> Result<()> {
        self.params.validate()?;
        validate_verifiers(&self.verifiers)?;
        Ok(())
    }

    pub fn is_verifier(&self, key: &Pubkey) -> bool {
        self.verifiers.contains(key)
    }

    pub fn is_job_authority(&self, key: &Pubkey) -> bool {
        *key == self.job_authority && *key != Pubkey::default()
    }

    pub fn may_propose_slash(&self, key: &Pubkey) -> bool {
        *key == self.slashing_authority || (*key == self.job_authority && *key != Pubkey::default())
    }
}

/// A verifier set holds at most `MAX_VERIFIERS` distinct, non-default keys.
pub fn validate_verifiers(verifiers: &[Pubkey]) -> Result<()> {
    require!(
        verifiers.len() <= MAX_VERIFIERS,
        RegistryError::TooManyVerifiers
    );
    for (i, v) in verifiers.iter().enumerate() {
        require!(*v != Pubkey::default(), RegistryError::InvalidVerifier);
        require!(!verifiers[..i].contains(v), RegistryError::InvalidVerifier);
    }
    Ok(())
}
