use anchor_lang::prelude::*;

use crate::error::TokenError;
use crate::events::ParamsProposed;
use crate::math::SafeMath;
use crate::pda::{CONFIG_ADDRESS, PROPOSAL_ADDRESS};
use crate::state::{validate_schedule, EmissionEntry, ParamsProposal, TokenConfig, TokenParams};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct ParamsProposeArgs {
    pub params: TokenParams,
    /// New schedule entries, starting in the future and not before the next
    /// unminted epoch (earlier entries are kept); empty keeps the schedule.
    pub schedule: Vec<EmissionEntry>,
}

#[derive(Accounts)]
pub struct ParamsPropose<'info> {
    #[account(address = CONFIG_ADDRESS, has_one = admin @ TokenError::NotAdmin)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = PROPOSAL_ADDRESS)]
    pub proposal: Box<Account<'info, ParamsProposal>>,
    pub admin: Signer<'info>,
}

/// The admin proposes new parameters (and schedule entries), each within its
/// bounds; they take effect only through `params_execute` once the current
/// timelock has passed. One proposal at a time.
pub fn handler(ctx: Context<ParamsPropose>, args: ParamsProposeArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let proposal = &mut ctx.accounts.proposal;
    require!(!proposal.active, TokenError::ProposalPending);
    args.params.validate()?;
    if !args.schedule.is_empty() {
        validate_schedule(&args.schedule)?;
        let next_epoch = config
            .epoch_start(config.epochs_minted)
            .ok_or_else(|| error!(TokenError::MathOverflow))?;
        require!(
            args.schedule[0].start_time > now && args.schedule[0].start_time >= next_epoch,
            TokenError::InvalidSchedule
        );
    }
    let execute_after = now.safe_add(i64::from(config.params.timelock_secs))?;
    proposal.set_inner(ParamsProposal {
        active: true,
        proposed_at: now,
        execute_after,
        params: args.params,
        schedule: args.schedule.clone(),
    });
    emit!(ParamsProposed {
        params: args.params,
        schedule: args.schedule,
        execute_after,
    });
    Ok(())
}
