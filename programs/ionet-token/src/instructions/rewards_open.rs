use anchor_lang::prelude::*;

use crate::constants::REWARD_SEED;
use crate::events::RewardsOpened;
use crate::registry_node::RegistryNode;
use crate::state::{Bucket, Reward};

#[derive(Accounts)]
pub struct RewardsOpen<'info> {
    #[account(
        init,
        payer = payer,
        space = Reward::SPACE,
        seeds = [REWARD_SEED, node.key().as_ref()],
        bump,
    )]
    pub reward: AccountLoader<'info, Reward>,
    /// The registry node whose rewards this account collects.
    /// CHECK: owner and type checked by `RegistryNode::load`.
    pub node: UncheckedAccount<'info>,
    #[account(mut)]
    pub payer: Signer<'info>,
    pub system_program: Program<'info, System>,
}

/// Anyone (the operator, at registration): opens a node's reward account. Work
/// and availability accrue from now on; the node's operator is the beneficiary.
pub fn handler(ctx: Context<RewardsOpen>) -> Result<()> {
    let node = RegistryNode::load(&ctx.accounts.node)?;
    let mut reward = ctx.accounts.reward.load_init()?;
    reward.node = ctx.accounts.node.key();
    reward.beneficiary = node.operator;
    reward.last_delivered = node.delivered_gpu_seconds;
    reward.last_work_fees_by_tier = node.work_fees_by_tier;
    reward.last_proven_points = node.proven_availability_points;
    reward.last_availability_epoch = u64::MAX;
    reward.last_slashed_total = node.slashed_total;
    reward.last_slashed_share_ppb = node.slashed_share_ppb;
    reward.buckets = [Bucket {
        epoch: 0,
        work_points: 0,
        availability_points: 0,
        used: 0,
        padding: [0; 7],
    }; crate::constants::REWARD_BUCKETS];
    reward.bump = ctx.bumps.reward;
    emit!(RewardsOpened {
        node: reward.node,
        beneficiary: reward.beneficiary,
    });
    Ok(())
}
