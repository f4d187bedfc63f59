use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::SlashAppealed;
use crate::state::{Node, SlashProposal, SlashStatus};

#[derive(Accounts)]
pub struct SlashAppeal<'info> {
    #[account(
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = operator @ RegistryError::NotOperator,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(
        mut,
        has_one = node,
        constraint = proposal.is_at(&proposal.key()) @ RegistryError::InvalidPda,
    )]
    pub proposal: Box<Account<'info, SlashProposal>>,
    pub operator: Signer<'info>,
}

/// The operator contests a proposed slash within the appeal window; the admin decides.
pub fn handler(ctx: Context<SlashAppeal>, appeal_hash: [u8; 32]) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let proposal = &mut ctx.accounts.proposal;
    require!(
        proposal.status == SlashStatus::Proposed,
        RegistryError::SlashNotAppealable
    );
    require!(
        now <= proposal.appeal_deadline,
        RegistryError::AppealWindowClosed
    );
    proposal.status = SlashStatus::Appealed;
    proposal.appeal_hash = appeal_hash;
    emit!(SlashAppealed {
        node: proposal.node,
        proposal: proposal.key(),
        appeal_hash
    });
    Ok(())
}
