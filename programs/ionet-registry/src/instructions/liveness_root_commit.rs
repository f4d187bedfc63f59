use anchor_lang::prelude::*;

use crate::constants::{EPOCH_ROOT_SEED, MAX_ROOT_PROPOSALS, MAX_ROOT_VOTERS};
use crate::error::RegistryError;
use crate::events::LivenessRootVoted;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EpochRoot, RegistryConfig, RootProposal};

#[derive(Accounts)]
#[instruction(epoch: u64)]
pub struct LivenessRootCommit<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    /// The epoch's votes; the first vote creates it (rent paid by that oracle).
    #[account(
        init_if_needed,
        payer = oracle,
        space = EpochRoot::SPACE,
        seeds = [EPOCH_ROOT_SEED, &epoch.to_le_bytes()],
        bump,
    )]
    pub epoch_root: Box<Account<'info, EpochRoot>>,
    #[account(mut)]
    pub oracle: Signer<'info>,
    pub system_program: Program<'info, System>,
}

/// An oracle of the config votes for `(root, leaf_count)` as epoch `epoch`'s tree.
/// Each oracle votes once per epoch. The vote that brings a proposal to the quorum
/// of today's oracles starts its challenge window (`root_challenge_secs`).
pub fn handler(
    ctx: Context<LivenessRootCommit>,
    epoch: u64,
    root: [u8; 32],
    leaf_count: u32,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let oracle = ctx.accounts.oracle.key();
    require!(
        config.oracle_index(&oracle).is_some(),
        RegistryError::NotOracle
    );
    require!(leaf_count > 0, RegistryError::EmptyRoot);
    let record = &mut ctx.accounts.epoch_root;
    if record.voters.is_empty() {
        // Created by this instruction (a vote always adds a voter).
        record.epoch = epoch;
        record.bump = ctx.bumps.epoch_root;
    }
    require!(!record.is_final, RegistryError::RootFinal);
    require!(
        !record.voters.contains(&oracle),
        RegistryError::OracleAlreadyVoted
    );
    require!(
        record.voters.len() < MAX_ROOT_VOTERS,
        RegistryError::TooManyOracles
    );
    let proposal = match record
        .proposals
        .iter()
        .position(|p| p.root == root && p.leaf_count == leaf_count)
    {
        Some(i) => i,
        None => {
            require!(
                record.proposals.len() < MAX_ROOT_PROPOSALS,
                RegistryError::TooManyRootProposals
            );
            record.proposals.push(RootProposal {
                root,
                leaf_count,
                signers: 0,
            });
            record.proposals.len() - 1
        }
    };
    let before = record.live_votes(config, proposal);
    let bit = 1u16 << record.voters.len();
    record.voters.push(oracle);
    record.proposals[proposal].signers |= bit;
    let after = record.live_votes(config, proposal);
    let quorum = usize::from(config.params.oracle_quorum);
    let reached_quorum = before < quorum && after >= quorum;
    if reached_quorum {
        record.accepted = u8::try_from(proposal).map_err(|_| RegistryError::MathOverflow)?;
        record.quorum_at = now;
    }
    emit!(LivenessRootVoted {
        epoch,
        oracle,
        root,
        leaf_count,
        votes: u8::try_from(after).map_err(|_| RegistryError::MathOverflow)?,
        reached_quorum,
    });
    Ok(())
}
