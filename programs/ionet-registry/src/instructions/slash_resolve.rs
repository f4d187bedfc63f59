use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::SlashResolved;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig, SlashProposal, SlashStatus};

#[derive(Accounts)]
pub struct SlashResolve<'info> {
    #[account(address = CONFIG_ADDRESS, has_one = admin @ RegistryError::NotAdmin)]
    pub config: Box<Account<'info, RegistryConfig>>,
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
    pub admin: Signer<'info>,
}

/// The admin decides an appeal: uphold (the slash becomes executable) or
/// overturn (final), before `APPEAL_RESOLUTION_SECS` after the appeal window
/// (`AppealDeadlinePassed`; then `slash_appeal_lapse` overturns it).
pub fn handler(ctx: Context<SlashResolve>, uphold: bool) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let proposal = &mut ctx.accounts.proposal;
    require!(
        proposal.status == SlashStatus::Appealed,
        RegistryError::SlashNotResolvable
    );
    require!(
        now < proposal.resolve_deadline()?,
        RegistryError::AppealDeadlinePassed
    );
    if uphold {
        proposal.status = SlashStatus::Upheld;
    } else {
        proposal.status = SlashStatus::Overturned;
        let mut node = ctx.accounts.node.load_mut()?;
        node.pending_slashes = node.pending_slashes.safe_sub(1)?;
    }
    emit!(SlashResolved {
        node: proposal.node,
        proposal: proposal.key(),
        upheld: uphold
    });
    Ok(())
}
