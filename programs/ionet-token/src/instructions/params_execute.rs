use anchor_lang::prelude::*;

use crate::constants::MAX_SCHEDULE_ENTRIES;
use crate::error::TokenError;
use crate::events::ParamsExecuted;
use crate::pda::{CONFIG_ADDRESS, PROPOSAL_ADDRESS, SCHEDULE_ADDRESS};
use crate::state::{validate_schedule, EmissionEntry, ParamsProposal, Schedule, TokenConfig};

#[derive(Accounts)]
pub struct ParamsExecute<'info> {
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ TokenError::NotAdmin)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = PROPOSAL_ADDRESS)]
    pub proposal: Box<Account<'info, ParamsProposal>>,
    #[account(mut, address = SCHEDULE_ADDRESS)]
    pub schedule: AccountLoader<'info, Schedule>,
    pub admin: Signer<'info>,
}

/// The admin executes the pending proposal once its timelock has passed. New
/// schedule entries replace those starting at or after the first new one;
/// entries that no unminted epoch can use any more are dropped, so a schedule
/// can be extended for ever within its 64 slots.
pub fn handler(ctx: Context<ParamsExecute>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let proposal = &mut ctx.accounts.proposal;
    require!(proposal.active, TokenError::NoProposal);
    require!(
        now >= proposal.execute_after,
        TokenError::TimelockNotElapsed
    );
    let mut schedule = ctx.accounts.schedule.load_mut()?;
    if let Some(first) = proposal.schedule.first() {
        let next_epoch = ctx
            .accounts
            .config
            .epoch_start(ctx.accounts.config.epochs_minted)
            .ok_or_else(|| error!(TokenError::MathOverflow))?;
        let mut merged: Vec<EmissionEntry> = schedule
            .active()
            .iter()
            .copied()
            .filter(|e| e.start_time < first.start_time)
            .collect();
        // The entry in force at the next unminted epoch, and later ones, still matter.
        let in_force = merged
            .iter()
            .rposition(|e| e.start_time <= next_epoch)
            .unwrap_or(0);
        merged.drain(..in_force);
        merged.extend_from_slice(&proposal.schedule);
        require!(
            merged.len() <= MAX_SCHEDULE_ENTRIES,
            TokenError::InvalidSchedule
        );
        validate_schedule(&merged)?;
        schedule.set(&merged);
    }
    ctx.accounts.config.params = proposal.params;
    proposal.active = false;
    proposal.schedule.clear();
    emit!(ParamsExecuted {
        params: ctx.accounts.config.params,
        schedule_entries: schedule.count,
    });
    Ok(())
}
