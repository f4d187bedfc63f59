//! One node per set of GPUs (docs/liveness.md §8, invariant 4).

use anchor_lang::prelude::*;

use crate::state::Node;

/// Seeds: `[FINGERPRINT_SEED, fingerprint]`. Claimed by the first node whose passing
/// attestation measured that hardware fingerprint; while that node holds it
/// (`Node.claimed_fingerprint`), no other node passes an attestation with it. A node
/// gives it up by changing its declared hardware or deregistering; the next node
/// attested on those GPUs then takes the index over (showing the old holder), so the
/// index is created once and reused rather than closed.
#[account]
#[derive(InitSpace)]
pub struct FingerprintIndex {
    /// The node holding the fingerprint; the default key while unclaimed (created by a
    /// failed attestation).
    pub node: Pubkey,
    /// Paid the rent (the verifier that created it).
    pub rent_payer: Pubkey,
    pub bump: u8,
}

impl FingerprintIndex {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;
}

/// Whether `holder` (the account an index names) no longer holds `fingerprint`: it was
/// closed (deregistered), or its node changed its hardware (`claimed_fingerprint`
/// cleared or another one).
pub fn holder_released(holder: &AccountInfo, fingerprint: &[u8; 32]) -> Result<bool> {
    if holder.data_is_empty() || *holder.owner != crate::ID {
        return Ok(true);
    }
    let data = holder.try_borrow_data()?;
    require!(
        data.len() >= Node::SPACE && data[..8] == *Node::DISCRIMINATOR,
        anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch
    );
    let at = 8 + core::mem::offset_of!(Node, claimed_fingerprint);
    Ok(data[at..at + 32] != *fingerprint)
}
