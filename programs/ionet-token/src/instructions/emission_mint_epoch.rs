use anchor_lang::prelude::*;
use anchor_spl::token::{mint_to, Mint, MintTo, Token};

use crate::constants::SUPPLY_CAP;
use crate::constants::{BPS_DENOMINATOR, EPOCH_SEED};
use crate::error::TokenError;
use crate::events::{EpochEmitted, EpochRewardsRecorded};
use crate::math::{decayed, emission_at, SafeMath};
use crate::pda::{
    AUTHORITY_ADDRESS, AUTHORITY_SIGNER, CONFIG_ADDRESS, MINT_ADDRESS, REWARDS_ADDRESS,
    SCHEDULE_ADDRESS, STATS_ADDRESS,
};
use crate::rewards::{capped_work_pool, mul_div};
use crate::state::{EpochRecord, NetworkStats, Schedule, TokenConfig};

#[derive(Accounts)]
pub struct EmissionMintEpoch<'info> {
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(address = SCHEDULE_ADDRESS)]
    pub schedule: AccountLoader<'info, Schedule>,
    #[account(mut, address = STATS_ADDRESS)]
    pub stats: AccountLoader<'info, NetworkStats>,
    #[account(mut, address = MINT_ADDRESS)]
    pub mint: Box<Account<'info, Mint>>,
    /// The reward pool.
    /// CHECK: address checked; the token program checks it is an account of the mint.
    #[account(mut, address = REWARDS_ADDRESS)]
    pub reward_vault: UncheckedAccount<'info>,
    /// The program's authority PDA (the mint authority).
    /// CHECK: address checked; no data.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    /// The epoch's reward record, created here.
    #[account(
        init,
        payer = cranker,
        space = EpochRecord::SPACE,
        seeds = [EPOCH_SEED, &config.epochs_minted.to_le_bytes()],
        bump,
    )]
    pub epoch_record: Box<Account<'info, EpochRecord>>,
    /// Anyone; pays the epoch record's rent.
    #[account(mut)]
    pub cranker: Signer<'info>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

/// Permissionless crank: mints the next unminted epoch's emission (once that
/// epoch has ended) into the reward pool. Each epoch is minted exactly once and
/// in order; the amount is the schedule's, cut to what the cap leaves after the
/// genesis allocation and the emissions so far (burns never make room again); the circuit breaker refuses a mint that would
/// take the decaying window total above its threshold. The epoch's record
/// splits it into the work pool (its work share, at most one base unit per
/// work point: no job earns more than it burned) and the availability pool
/// (the rest, when any node proved availability), with the points credited
/// during the epoch. Nothing carries to later epochs.
pub fn handler(ctx: Context<EmissionMintEpoch>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &mut ctx.accounts.config;
    let epoch = config.epochs_minted;
    let start = config
        .epoch_start(epoch)
        .ok_or_else(|| error!(TokenError::MathOverflow))?;
    require!(
        now >= start.safe_add(i64::from(config.epoch_secs))?,
        TokenError::EpochNotEnded
    );
    let scheduled = emission_at(ctx.accounts.schedule.load()?.active(), start);
    // The cap bounds everything ever minted (burns do not make room again): the
    // genesis allocation, minted or not, and the emissions so far.
    let minted_emission = ctx.accounts.stats.load()?.minted_emission;
    let room = SUPPLY_CAP
        .saturating_sub(config.genesis_total)
        .saturating_sub(minted_emission);
    let amount = scheduled.min(room);

    let window = config.params.breaker_window_secs;
    let total = decayed(
        config.breaker_total,
        now.safe_sub(config.breaker_updated_at)?,
        window,
    )?
    .safe_add(amount)?;
    require!(
        total <= config.params.breaker_threshold,
        TokenError::CircuitBreakerTripped
    );
    if amount > 0 {
        mint_to(
            CpiContext::new_with_signer(
                ctx.accounts.token_program.key(),
                MintTo {
                    mint: ctx.accounts.mint.to_account_info(),
                    to: ctx.accounts.reward_vault.to_account_info(),
                    authority: ctx.accounts.authority.to_account_info(),
                },
                &[AUTHORITY_SIGNER],
            ),
            amount,
        )?;
    }
    config.breaker_total = total;
    config.breaker_updated_at = now;
    config.epochs_minted = epoch.safe_add(1)?;
    let mut stats = ctx.accounts.stats.load_mut()?;
    stats.minted_emission = stats.minted_emission.safe_add(amount)?;
    let slot = stats.epoch_mut(epoch);
    slot.minted = slot.minted.safe_add(amount)?;
    let (work_points, availability_points) = (slot.work_points, slot.availability_points);

    // No job earns more from emissions than it burned: the work pool pays at
    // most one base unit per work point. What work did not earn goes to the
    // nodes that proved availability; nothing carries to later epochs (a carried
    // pool would be one small job's jackpot). With no points at all, the
    // emission stays unallocated in the reward pool.
    let work_share = mul_div(
        amount,
        u64::from(config.params.work_weight_bps),
        BPS_DENOMINATOR,
    )?;
    let work_pool = capped_work_pool(work_share, work_points);
    let availability_pool = if availability_points > 0 {
        amount.safe_sub(work_pool)?
    } else {
        0
    };
    ctx.accounts.epoch_record.set_inner(EpochRecord {
        epoch,
        work_pool,
        availability_pool,
        work_points,
        availability_points,
        bump: ctx.bumps.epoch_record,
    });
    emit!(EpochRewardsRecorded {
        epoch,
        work_pool,
        availability_pool,
        work_points,
        availability_points,
    });
    emit!(EpochEmitted {
        epoch,
        amount,
        scheduled,
        supply: ctx.accounts.mint.supply.safe_add(amount)?,
        breaker_total: total,
    });
    Ok(())
}
