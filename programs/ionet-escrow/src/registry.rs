//! The escrow's side of the registry interface: reading registry nodes and
//! calling the registry by CPI as its job authority (the `[AUTHORITY_SEED]` PDA,
//! which the registry admin sets as `job_authority`).

use core::cell::Ref;

use anchor_lang::prelude::*;
use ionet_registry::cpi::accounts::{NodeJob, NodeJobCommit, SlashPropose};
use ionet_registry::instructions::SlashProposeArgs;
use ionet_registry::state::{GpuTier, JobOutcome, JobView, Node, Offense, RegistryParams};

use crate::error::EscrowError;
use crate::pda::AUTHORITY_SIGNER;

/// A registry node account, read in place: owned by the registry and of the
/// `Node` type. Only the registry creates such accounts, at their PDAs, and every
/// registry instruction the escrow then calls checks the PDA again.
pub fn load_node<'a>(info: &'a AccountInfo<'_>) -> Result<Ref<'a, Node>> {
    require_keys_eq!(*info.owner, ionet_registry::ID, EscrowError::InvalidNode);
    let data = info.try_borrow_data()?;
    require!(
        data.len() >= Node::SPACE && data[..8] == *Node::DISCRIMINATOR,
        EscrowError::InvalidNode
    );
    Ok(Ref::map(data, |d| bytemuck::from_bytes(&d[8..Node::SPACE])))
}

/// The registry's parameters (the config's address is checked by the accounts struct).
pub fn load_params(info: &AccountInfo<'_>) -> Result<RegistryParams> {
    require_keys_eq!(
        *info.owner,
        ionet_registry::ID,
        EscrowError::InvalidRegistryConfig
    );
    Ok(JobView::from_data(&info.try_borrow_data()?)?.params)
}

/// Commits `gpus[i]` GPUs of `nodes[i]` in one CPI: the registry checks each
/// node's eligibility and free GPUs.
pub fn commit_nodes<'info>(
    program: &AccountInfo<'info>,
    config: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    nodes: Vec<AccountInfo<'info>>,
    gpus: Vec<u16>,
) -> Result<()> {
    let signer: &[&[&[u8]]] = &[AUTHORITY_SIGNER];
    let accounts = NodeJobCommit {
        config: config.clone(),
        job_authority: authority.clone(),
    };
    ionet_registry::cpi::node_job_commit(
        CpiContext::new_with_signer(program.key(), accounts, signer).with_remaining_accounts(nodes),
        gpus,
    )
}

/// The accounts every per-node registry CPI of the escrow passes.
pub struct RegistryCpi<'a, 'info> {
    pub program: &'a AccountInfo<'info>,
    pub config: &'a AccountInfo<'info>,
    pub node: &'a AccountInfo<'info>,
    pub authority: &'a AccountInfo<'info>,
}

impl<'info> RegistryCpi<'_, 'info> {
    fn node_job(&self) -> NodeJob<'info> {
        NodeJob {
            config: self.config.clone(),
            node: self.node.clone(),
            job_authority: self.authority.clone(),
        }
    }

    /// Releases `gpus` of the node with the job's outcome for its reputation and
    /// the GPU-seconds it delivered, with no fee (no work rewards).
    pub fn release(&self, gpus: u16, outcome: JobOutcome, gpu_seconds: u64) -> Result<()> {
        self.release_paid(gpus, outcome, gpu_seconds, 0, GpuTier::Other)
    }

    /// Releases `gpus` of the node as `release` does, and records `fee`, the
    /// protocol fee charged on the run's pay, under the job's `tier`: the node's
    /// work rewards accrue from the burned share of it.
    pub fn release_paid(
        &self,
        gpus: u16,
        outcome: JobOutcome,
        gpu_seconds: u64,
        fee: u64,
        tier: GpuTier,
    ) -> Result<()> {
        let signer: &[&[&[u8]]] = &[AUTHORITY_SIGNER];
        ionet_registry::cpi::node_job_release(
            CpiContext::new_with_signer(self.program.key(), self.node_job(), signer),
            gpus,
            outcome,
            gpu_seconds,
            fee,
            tier,
        )
    }

    /// Proposes a job-failure slash of the offense's configured share of stake.
    pub fn propose_slash(
        &self,
        proposal: &AccountInfo<'info>,
        payer: &AccountInfo<'info>,
        system_program: &AccountInfo<'info>,
        evidence_hash: [u8; 32],
    ) -> Result<()> {
        let signer: &[&[&[u8]]] = &[AUTHORITY_SIGNER];
        ionet_registry::cpi::slash_propose(
            CpiContext::new_with_signer(
                self.program.key(),
                SlashPropose {
                    config: self.config.clone(),
                    node: self.node.clone(),
                    proposal: proposal.clone(),
                    proposer: self.authority.clone(),
                    payer: payer.clone(),
                    system_program: system_program.clone(),
                },
                signer,
            ),
            SlashProposeArgs {
                offense: Offense::JobFailure,
                amount: 0,
                evidence_hash,
            },
        )
    }
}

/// The IO token program's parameters (the config's address is checked by the
/// accounts struct): the fee a job is created with, the share burned.
pub fn load_token_params(info: &AccountInfo<'_>) -> Result<ionet_token::state::TokenParams> {
    require_keys_eq!(
        *info.owner,
        ionet_token::ID,
        EscrowError::InvalidTokenConfig
    );
    Ok(ionet_token::state::TokenConfig::try_deserialize(&mut &info.try_borrow_data()?[..])?.params)
}
