use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeUpdated;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Attestation, GpuTier, HardwareSpec, Node, NodeStatus, RegistryConfig};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct NodeUpdateArgs {
    pub agent: Option<Pubkey>,
    /// New hardware; any change clears the attestation.
    pub hardware: Option<HardwareSpec>,
    /// The lowest price per GPU-hour the node accepts (the escrow refuses to
    /// assign it to a cheaper job); 0 accepts any. precision: IO base units (1e8)
    pub min_price_per_gpu_hour: Option<u64>,
}

#[derive(Accounts)]
pub struct NodeUpdate<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = operator @ RegistryError::NotOperator,
    )]
    pub node: AccountLoader<'info, Node>,
    pub operator: Signer<'info>,
}

impl NodeUpdate<'_> {
    pub fn validate(&self, args: &NodeUpdateArgs) -> Result<()> {
        let node = self.node.load()?;
        let agent_changes = args.agent.is_some_and(|a| a != node.agent);
        let hardware_changes = args.hardware.is_some_and(|h| h != node.declared.spec());
        let price_changes = args
            .min_price_per_gpu_hour
            .is_some_and(|p| p != node.min_price_per_gpu_hour);
        require!(
            agent_changes || hardware_changes || price_changes,
            RegistryError::NothingToUpdate
        );
        if let Some(agent) = args.agent {
            require!(agent != Pubkey::default(), RegistryError::InvalidAgent);
        }
        if let Some(hw) = args.hardware {
            require!(hw.is_valid(), RegistryError::InvalidHardware);
            require!(
                !hardware_changes || node.active_jobs == 0,
                RegistryError::NodeBusy
            );
        }
        Ok(())
    }
}

#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<NodeUpdate>, args: NodeUpdateArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    if let Some(agent) = args.agent {
        node.agent = agent;
    }
    if let Some(price) = args.min_price_per_gpu_hour {
        node.min_price_per_gpu_hour = price;
    }
    let mut cleared = false;
    if let Some(hw) = args.hardware.filter(|h| *h != node.declared.spec()) {
        // Other GPUs: the node gives up its fingerprint (the index is reclaimable).
        node.claimed_fingerprint = [0; 32];
        node.declared = hw.into();
        node.attestation = Attestation::NONE;
        node.effective_tier = GpuTier::Other as u8;
        if node.status() != NodeStatus::Jailed {
            node.status = NodeStatus::Registered as u8;
        }
        cleared = true;
    }
    node.refresh(key, &ctx.accounts.config.params, now)?;
    emit!(NodeUpdated {
        node: key,
        agent: node.agent,
        hardware: node.declared.spec(),
        verification_cleared: cleared,
        min_price_per_gpu_hour: node.min_price_per_gpu_hour,
    });
    Ok(())
}
