use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::SlashClosed;
use crate::math::SafeMath;
use crate::state::{Node, SlashProposal};

#[derive(Accounts)]
pub struct SlashClose<'info> {
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(
        mut,
        close = rent_payer,
        has_one = node,
        has_one = rent_payer @ RegistryError::InvariantViolated,
        constraint = proposal.is_at(&proposal.key()) @ RegistryError::InvalidPda,
    )]
    pub proposal: Box<Account<'info, SlashProposal>>,
    /// Paid the proposal's rent; gets it back.
    /// CHECK: compared with the proposal's `rent_payer`.
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,
}

/// Anyone: closes an overturned or executed slash proposal, returning its rent
/// to whoever paid it. A node deregisters only once all its proposals are
/// closed, so a re-registered node never finds an old proposal at the index its
/// new count starts from.
pub fn handler(ctx: Context<SlashClose>) -> Result<()> {
    let proposal = &ctx.accounts.proposal;
    require!(proposal.status.is_final(), RegistryError::SlashNotFinal);
    let mut node = ctx.accounts.node.load_mut()?;
    node.open_proposals = node.open_proposals.safe_sub(1)?;
    emit!(SlashClosed {
        node: proposal.node,
        proposal: proposal.key(),
        status: proposal.status,
        open_proposals: node.open_proposals,
    });
    Ok(())
}
