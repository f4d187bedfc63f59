use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::SlashAppealLapsed;
use crate::math::SafeMath;
use crate::state::{Node, SlashProposal, SlashStatus};

#[derive(Accounts)]
pub struct SlashAppealLapse<'info> {
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(
        mut,
        has_one = node,
        constraint = proposal.is_at(&proposal.key()) @ RegistryError::InvalidPda,
    )]
    pub proposal: Box<Account<'info, SlashProposal>>,
}

/// Anyone, once an appeal went undecided past its resolution deadline (the
/// appeal window's end plus `APPEAL_RESOLUTION_SECS`): the default outcome
/// applies, the slash is overturned (final), and the node's stake and rewards
/// are no longer held for it.
pub fn handler(ctx: Context<SlashAppealLapse>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let proposal = &mut ctx.accounts.proposal;
    require!(
        proposal.status == SlashStatus::Appealed,
        RegistryError::SlashNotResolvable
    );
    require!(
        now >= proposal.resolve_deadline()?,
        RegistryError::AppealDeadlineNotReached
    );
    proposal.status = SlashStatus::Overturned;
    let mut node = ctx.accounts.node.load_mut()?;
    node.pending_slashes = node.pending_slashes.safe_sub(1)?;
    emit!(SlashAppealLapsed {
        node: proposal.node,
        proposal: proposal.key(),
    });
    Ok(())
}
