use anchor_lang::prelude::*;

use crate::constants::{CONFIG_SEED, NODE_SEED, SLASH_SEED};
use crate::error::RegistryError;
use crate::events::SlashResolved;
use crate::math::SafeMath;
use crate::state::{Node, RegistryConfig, SlashProposal, SlashStatus};

#[derive(Accounts)]
pub struct SlashResolve<'info> {
    #[account(seeds = [CONFIG_SEED], bump = config.bump, has_one = admin @ RegistryError::NotAdmin)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
    )]
    pub node: Box<Account<'info, Node>>,
    #[account(
        mut,
        seeds = [SLASH_SEED, node.key().as_ref(), &proposal.index.to_le_bytes()],
        bump = proposal.bump,
        has_one = node,
    )]
    pub proposal: Box<Account<'info, SlashProposal>>,
    pub admin: Signer<'info>,
}

/// The admin decides an appeal: uphold (the slash becomes executable) or overturn (final).
pub fn handler(ctx: Context<SlashResolve>, uphold: bool) -> Result<()> {
    let proposal = &mut ctx.accounts.proposal;
    require!(
        proposal.status == SlashStatus::Appealed,
        RegistryError::SlashNotResolvable
    );
    if uphold {
        proposal.status = SlashStatus::Upheld;
    } else {
        proposal.status = SlashStatus::Overturned;
        let node = &mut ctx.accounts.node;
        node.pending_slashes = node.pending_slashes.safe_sub(1)?;
    }
    emit!(SlashResolved {
        node: proposal.node,
        proposal: proposal.key(),
        upheld: uphold
    });
    Ok(())
}
