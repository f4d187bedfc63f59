use anchor_lang::prelude::*;

use crate::constants::{EPOCH_ROOT_SEED, LIVENESS_LEAF_BYTES, MAX_PROOF_SIBLINGS};
use crate::error::RegistryError;
use crate::events::NodeSynced;
use crate::math::uptime_ratio_bps;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{compute_root, EpochRoot, LivenessLeaf, Node, RegistryConfig};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct NodeSyncArgs {
    /// The epoch whose committed root the leaf is proven against.
    pub epoch: u64,
    /// The node's liveness leaf of that epoch (docs/liveness.md §5).
    pub leaf: [u8; LIVENESS_LEAF_BYTES as usize],
    /// The leaf's position in the epoch's tree.
    pub index: u32,
    /// Sibling hashes from the leaf level up (at most `MAX_PROOF_SIBLINGS`).
    pub siblings: Vec<[u8; 32]>,
}

#[derive(Accounts)]
#[instruction(args: NodeSyncArgs)]
pub struct NodeSync<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        seeds = [EPOCH_ROOT_SEED, &args.epoch.to_le_bytes()],
        bump = epoch_root.bump,
    )]
    pub epoch_root: Box<Account<'info, EpochRoot>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
}

/// Anyone: brings a node's record up to its leaf in a committed epoch root. Checks
/// that the root is in effect, that the leaf is this node's (node, agent, epoch)
/// and newer than the node's last sync, and that leaf and proof hash to the root;
/// then stores the cumulative figures, the time-weighted uptime ratio and the
/// reputation. The first sync of a root after its challenge window makes it final.
pub fn handler(ctx: Context<NodeSync>, args: NodeSyncArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let record = &mut ctx.accounts.epoch_root;
    let (leaf_count, root) = record
        .in_effect(config, now)?
        .ok_or(RegistryError::RootNotInEffect)?;
    require!(
        args.siblings.len() <= MAX_PROOF_SIBLINGS as usize,
        RegistryError::InvalidProof
    );
    let leaf = LivenessLeaf::parse(&args.leaf)?;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    require!(
        leaf.node == key && leaf.agent == node.agent && leaf.epoch == record.epoch,
        RegistryError::LeafMismatch
    );
    // A node never synced (no epoch, never seen) takes any epoch, the network's first
    // (epoch 0) included; after that only newer ones (no replay, no going back).
    let never_synced = node.synced_epoch == 0 && node.last_seen == 0;
    require!(
        never_synced || leaf.epoch > node.synced_epoch,
        RegistryError::StaleLeaf
    );
    require!(
        leaf.uptime_secs >= node.proven_uptime_secs
            && leaf.observed_secs >= node.proven_observed_secs
            && leaf.availability_points >= node.proven_availability_points,
        RegistryError::LeafRegressed
    );
    let computed = compute_root(&args.leaf, args.index, leaf_count, &args.siblings);
    require!(computed == Some(root), RegistryError::InvalidProof);
    record.is_final = true;

    node.synced_epoch = leaf.epoch;
    node.proven_uptime_secs = leaf.uptime_secs;
    node.proven_observed_secs = leaf.observed_secs;
    node.proven_availability_points = leaf.availability_points;
    node.last_seen = leaf.last_seen;
    node.last_epoch_uptime_secs = leaf.epoch_uptime_secs;
    node.uptime_bps = uptime_ratio_bps(
        leaf.uptime_secs,
        leaf.observed_secs,
        config.params.initial_reputation_bps,
    )?;
    node.refresh(key, &config.params, now)?;
    emit!(NodeSynced {
        node: key,
        epoch: leaf.epoch,
        uptime_secs: leaf.uptime_secs,
        observed_secs: leaf.observed_secs,
        availability_points: leaf.availability_points,
        last_seen: leaf.last_seen,
        epoch_uptime_secs: leaf.epoch_uptime_secs,
        uptime_bps: node.uptime_bps,
        reputation_bps: node.reputation_bps,
    });
    Ok(())
}
