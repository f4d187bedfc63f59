use anchor_lang::prelude::*;

use crate::constants::EPOCH_ROOT_SEED;
use crate::error::RegistryError;
use crate::events::LivenessRootClosed;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EpochRoot, RegistryConfig};

#[derive(Accounts)]
#[instruction(epoch: u64)]
pub struct LivenessRootClose<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    /// The superseded epoch's record; closed, its rent to the oracle that created it.
    #[account(
        mut,
        close = creator,
        seeds = [EPOCH_ROOT_SEED, &epoch.to_le_bytes()],
        bump = epoch_root.bump,
    )]
    pub epoch_root: Box<Account<'info, EpochRoot>>,
    /// A later epoch's record whose root is in effect: every node's cumulative leaf
    /// in it supersedes the closed epoch's (a sync needs a leaf newer than the node's).
    #[account(
        seeds = [EPOCH_ROOT_SEED, &newer.epoch.to_le_bytes()],
        bump = newer.bump,
    )]
    pub newer: Box<Account<'info, EpochRoot>>,
    /// CHECK: the first voter, who paid the record's rent (`voters[0]`); checked by the handler.
    #[account(mut)]
    pub creator: UncheckedAccount<'info>,
}

/// Anyone: closes an epoch's root record once a later epoch's root is in effect,
/// returning the rent (~0.007 SOL, one record per epoch) to the oracle that
/// created it. Leaves are cumulative, so the newer root carries every figure the
/// closed one proved; a record whose proposals never reached a quorum is closed
/// the same way. Equivocation evidence does not need the record (it is two
/// signed statements, `liveness_equivocation`).
pub fn handler(ctx: Context<LivenessRootClose>, epoch: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let record = &ctx.accounts.epoch_root;
    let newer = &ctx.accounts.newer;
    require!(newer.epoch > record.epoch, RegistryError::RootNotSuperseded);
    require!(
        newer.in_effect(&ctx.accounts.config, now)?.is_some(),
        RegistryError::RootNotSuperseded
    );
    require!(
        record.voters.first() == Some(&ctx.accounts.creator.key()),
        RegistryError::WrongRootCreator
    );
    emit!(LivenessRootClosed {
        epoch,
        superseded_by: newer.epoch,
        creator: ctx.accounts.creator.key(),
    });
    Ok(())
}
