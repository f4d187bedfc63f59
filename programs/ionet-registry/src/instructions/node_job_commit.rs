use anchor_lang::prelude::*;

use crate::error::RegistryError;
use crate::events::NodeJobCommitted;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{JobView, Node};

#[derive(Accounts)]
/// Accounts of `node_job_commit`; the nodes follow as remaining accounts.
pub struct NodeJobCommit<'info> {
    /// The registry config, read in place (`JobView`): the escrow assigns
    /// clusters of nodes in one call.
    /// CHECK: address checked here; owner and type checked by `JobView::load`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    /// The escrow program's authority PDA (signs by CPI).
    pub job_authority: Signer<'info>,
}

/// Commits `gpus[i]` GPUs of the i-th node (remaining accounts: the nodes,
/// writable) to a job: each must be eligible and have them free; the nodes
/// cannot unstake, withdraw, change hardware or deregister until the job
/// releases them. One call per batch saves the escrow a CPI per node.
pub fn handler<'info>(ctx: Context<'info, NodeJobCommit<'info>>, gpus: Vec<u16>) -> Result<()> {
    let nodes = ctx.remaining_accounts;
    require!(
        !gpus.is_empty() && gpus.len() == nodes.len(),
        RegistryError::InvalidBatch
    );
    let now = Clock::get()?.unix_timestamp;
    let params = &JobView::authorize(&ctx.accounts.config, ctx.accounts.job_authority.key)?.params;
    for (info, &count) in nodes.iter().zip(gpus.iter()) {
        require!(count > 0, RegistryError::ZeroAmount);
        require!(info.is_writable, RegistryError::InvalidNode);
        // Owner and discriminator checked by the loader.
        let loader = AccountLoader::<Node>::try_from(info)?;
        let mut node = loader.load_mut()?;
        require!(node.is_at(info.key), RegistryError::InvalidPda);
        require!(
            node.is_eligible(params, now)?,
            RegistryError::NodeNotEligible
        );
        let committed = node.committed_gpus.safe_add(count)?;
        require!(
            committed <= node.attestation.gpu_count,
            RegistryError::GpusUnavailable
        );
        node.committed_gpus = committed;
        node.active_jobs = node.active_jobs.safe_add(1)?;
        node.invariant()?;
        emit!(NodeJobCommitted {
            node: info.key(),
            gpus: count,
            active_jobs: node.active_jobs,
            committed_gpus: node.committed_gpus,
        });
    }
    Ok(())
}
