use anchor_lang::prelude::*;

use crate::constants::STATS_EPOCHS;
use crate::error::TokenError;
use crate::events::RewardsAccrued;
use crate::math::SafeMath;
use crate::pda::{CONFIG_ADDRESS, STATS_ADDRESS};
use crate::registry_node::RegistryNode;
use crate::rewards::{lock, resolve, work_points};
use crate::state::{NetworkStats, Reward, TokenConfig};

#[derive(Accounts)]
pub struct RewardsAccrue<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = STATS_ADDRESS)]
    pub stats: AccountLoader<'info, NetworkStats>,
    #[account(
        mut,
        constraint = reward.load()?.node == node.key() @ TokenError::WrongRewardAccount,
        constraint = reward.load()?.is_at(&reward.key()) @ TokenError::InvalidPda,
    )]
    pub reward: AccountLoader<'info, Reward>,
    /// The registry node.
    /// CHECK: owner and type checked by `RegistryNode::load`.
    pub node: UncheckedAccount<'info>,
}

/// Anyone (the node's agent, once an epoch): credits the current epoch with the
/// node's new work and availability, read from the registry:
/// - work: the burned share of the protocol fees charged on the runs the node
///   delivered since the last accrual, weighted by the tier each was delivered
///   on relative to the heaviest tier (at most one point per base unit burned;
///   an epoch pays at most one base unit per point, so self-dealing never pays);
/// - availability: the availability points the oracles proved for the node
///   since the last accrual (`node_sync`; already weighted by tier and GPU
///   count epoch by epoch). A node with no proven presence earns none; a
///   jailed node's new points are passed over.
///
/// Points join the epoch's totals; the emission is shared by them. Buckets of
/// minted epochs whose records are passed (remaining accounts) are resolved
/// into a locked tranche first, so a node's agent keeps accruing while the
/// operator's key stays cold; not while a slash is still to be applied.
pub fn handler<'info>(ctx: Context<'info, RewardsAccrue<'info>>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let epoch = config.epoch_at(now);
    require!(
        epoch < config.epochs_minted.safe_add(STATS_EPOCHS as u64)?,
        TokenError::EmissionsBehind
    );
    let node = RegistryNode::load(&ctx.accounts.node)?;
    let mut reward = ctx.accounts.reward.load_mut()?;
    let resolved = if node.slashed_total == reward.last_slashed_total {
        resolve(&mut reward, config.epochs_minted, ctx.remaining_accounts)?
    } else {
        0
    };
    lock(&mut reward, resolved, now, config.params.reward_lock_secs)?;
    let work = work_points(
        &node.work_fees_by_tier,
        &reward.last_work_fees_by_tier,
        config.params.fee_burn_bps,
        &config.params.tier_weights_bps,
    )?;
    let proven = node
        .proven_availability_points
        .saturating_sub(reward.last_proven_points);
    let availability = if node.jailed { 0 } else { proven };
    require!(
        work > 0 || proven > 0 || resolved > 0,
        TokenError::NothingToAccrue
    );
    if work > 0 || availability > 0 {
        let index = reward
            .buckets
            .iter()
            .position(|b| b.used != 0 && b.epoch == epoch)
            .or_else(|| reward.buckets.iter().position(|b| b.used == 0))
            .ok_or_else(|| error!(TokenError::BucketsFull))?;
        let bucket = &mut reward.buckets[index];
        if bucket.used == 0 {
            bucket.used = 1;
            bucket.epoch = epoch;
            bucket.work_points = 0;
            bucket.availability_points = 0;
        }
        bucket.work_points = bucket.work_points.safe_add(work)?;
        bucket.availability_points = bucket.availability_points.safe_add(availability)?;
    }
    reward.last_delivered = node.delivered_gpu_seconds.max(reward.last_delivered);
    if work > 0 {
        // Fees too small to make a point yet stay unseen until they do.
        for (seen, fees) in reward
            .last_work_fees_by_tier
            .iter_mut()
            .zip(node.work_fees_by_tier)
        {
            *seen = fees.max(*seen);
        }
    }
    reward.last_proven_points = node
        .proven_availability_points
        .max(reward.last_proven_points);
    if availability > 0 {
        reward.last_availability_epoch = epoch;
    }
    let (node_key, locked) = (reward.node, reward.locked);
    drop(reward);
    let mut stats = ctx.accounts.stats.load_mut()?;
    let slot = stats.epoch_mut(epoch);
    slot.work_points = slot.work_points.safe_add(work)?;
    slot.availability_points = slot.availability_points.safe_add(availability)?;
    emit!(RewardsAccrued {
        node: node_key,
        epoch,
        work_points: work,
        availability_points: availability,
        resolved,
        locked,
    });
    Ok(())
}
