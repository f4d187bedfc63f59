use anchor_lang::prelude::*;

use crate::error::TokenError;
use crate::events::RewardsClosed;
use crate::state::Reward;

#[derive(Accounts)]
pub struct RewardsClose<'info> {
    #[account(
        mut,
        close = beneficiary,
        constraint = reward.load()?.beneficiary == beneficiary.key() @ TokenError::NotBeneficiary,
        constraint = reward.load()?.is_at(&reward.key()) @ TokenError::InvalidPda,
    )]
    pub reward: AccountLoader<'info, Reward>,
    #[account(mut)]
    pub beneficiary: Signer<'info>,
}

/// The beneficiary closes a reward account that holds nothing: no locked
/// tranche and no unresolved epoch points. (The registry deregisters a node
/// only once this is done, so a node re-registered at the same address opens
/// a fresh account instead of inheriting stale slash and delivery snapshots.)
pub fn handler(ctx: Context<RewardsClose>) -> Result<()> {
    let reward = ctx.accounts.reward.load()?;
    require!(
        reward.locked == 0 && reward.buckets.iter().all(|b| b.used == 0),
        TokenError::RewardsNotEmpty
    );
    emit!(RewardsClosed {
        node: reward.node,
        beneficiary: reward.beneficiary,
        claimed_total: reward.claimed_total,
        forfeited_total: reward.forfeited_total,
    });
    Ok(())
}
