use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, TokenAccount};

use crate::constants::NODE_SEED;
use crate::error::RegistryError;
use crate::events::NodeRegistered;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{
    Attestation, GpuTier, HardwareSpec, Node, NodeStatus, RegistryConfig, GPU_TIERS,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct NodeRegisterArgs {
    /// Operator-chosen id; the node PDA is derived from operator + node id.
    pub node_id: u64,
    /// The worker agent's hot key.
    pub agent: Pubkey,
    pub hardware: HardwareSpec,
}

#[derive(Accounts)]
#[instruction(args: NodeRegisterArgs)]
pub struct NodeRegister<'info> {
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        init,
        payer = operator,
        space = Node::SPACE,
        seeds = [NODE_SEED, operator.key().as_ref(), &args.node_id.to_le_bytes()],
        bump,
    )]
    pub node: AccountLoader<'info, Node>,
    /// The node's stake vault, created by the client in the same transaction: an SPL
    /// token account of the stake mint owned by the node PDA. It must be empty and
    /// unfrozen with no delegate and no close authority (an account handed over to
    /// the node could otherwise still be spent by a delegate or closed by someone else).
    #[account(
        token::mint = stake_mint,
        token::authority = node,
        constraint = is_fresh_vault(&vault) @ RegistryError::InvalidVault,
    )]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(address = config.stake_mint @ RegistryError::WrongMint)]
    pub stake_mint: Box<Account<'info, Mint>>,
    #[account(mut)]
    pub operator: Signer<'info>,
    pub system_program: Program<'info, System>,
}

fn is_fresh_vault(vault: &TokenAccount) -> bool {
    vault.amount == 0
        && vault.delegate.is_none()
        && vault.close_authority.is_none()
        && !vault.is_frozen()
}

impl NodeRegister<'_> {
    pub fn validate(&self, args: &NodeRegisterArgs) -> Result<()> {
        require!(args.hardware.is_valid(), RegistryError::InvalidHardware);
        require!(args.agent != Pubkey::default(), RegistryError::InvalidAgent);
        Ok(())
    }
}

#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<NodeRegister>, args: NodeRegisterArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &mut ctx.accounts.config;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_init()?;
    *node = Node {
        operator: ctx.accounts.operator.key(),
        agent: args.agent,
        node_id: args.node_id,
        vault: ctx.accounts.vault.key(),
        status: NodeStatus::Registered as u8,
        declared: args.hardware.into(),
        attestation: Attestation::NONE,
        effective_tier: GpuTier::Other as u8,
        bonded: 0,
        unbonding: 0,
        unbonding_ready_at: 0,
        active_jobs: 0,
        committed_gpus: 0,
        pending_slashes: 0,
        slash_count: 0,
        registered_at: now,
        reserved_liveness: [0; 16],
        uptime_bps: config.params.initial_reputation_bps,
        jobs_completed: 0,
        jobs_failed: 0,
        attestations_passed: 0,
        attestations_failed: 0,
        reputation_bps: 0,
        spoofing_evidence: [0; 32],
        slash_epoch_start: now,
        slashed_in_epoch: 0,
        slashed_total: 0,
        delivered_gpu_seconds: 0,
        bump: ctx.bumps.node,
        padding: 0,
        open_proposals: 0,
        min_price_per_gpu_hour: 0,
        slashed_share_ppb: 0,
        synced_epoch: 0,
        proven_uptime_secs: 0,
        proven_observed_secs: 0,
        proven_availability_points: 0,
        last_seen: 0,
        last_epoch_uptime_secs: 0,
        slashes_executed: 0,
        claimed_fingerprint: [0; 32],
        work_fees_by_tier: [0; GPU_TIERS],
        reserved: [0; 8],
    };
    node.refresh(key, &config.params, now)?;
    config.node_count = config.node_count.safe_add(1)?;
    emit!(NodeRegistered {
        node: key,
        operator: node.operator,
        node_id: node.node_id,
        agent: node.agent,
        hardware: args.hardware,
    });
    Ok(())
}
