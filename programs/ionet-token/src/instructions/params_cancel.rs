use anchor_lang::prelude::*;

use crate::error::TokenError;
use crate::events::ParamsCancelled;
use crate::pda::{CONFIG_ADDRESS, PROPOSAL_ADDRESS};
use crate::state::{ParamsProposal, TokenConfig};

#[derive(Accounts)]
pub struct ParamsCancel<'info> {
    #[account(address = CONFIG_ADDRESS, has_one = admin @ TokenError::NotAdmin)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = PROPOSAL_ADDRESS)]
    pub proposal: Box<Account<'info, ParamsProposal>>,
    pub admin: Signer<'info>,
}

/// The admin withdraws the pending proposal.
pub fn handler(ctx: Context<ParamsCancel>) -> Result<()> {
    let proposal = &mut ctx.accounts.proposal;
    require!(proposal.active, TokenError::NoProposal);
    proposal.active = false;
    proposal.schedule.clear();
    emit!(ParamsCancelled {
        proposed_at: proposal.proposed_at,
    });
    Ok(())
}
