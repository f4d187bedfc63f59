use anchor_lang::prelude::*;

use crate::constants::SLASH_SEED;
use crate::error::RegistryError;
use crate::events::SlashProposed;
use crate::math::{bps_of, SafeMath};
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, Offense, RegistryConfig, SlashProposal, SlashStatus};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct SlashProposeArgs {
    pub offense: Offense,
    /// Amount to slash; 0 uses the offense's configured share of the node's stake.
    /// precision: IO base units (1e8)
    pub amount: u64,
    /// Hash of the evidence (a failed attestation, a missed-deadline record).
    pub evidence_hash: [u8; 32],
}

#[derive(Accounts)]
pub struct SlashPropose<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(
        init,
        payer = payer,
        space = SlashProposal::SPACE,
        seeds = [SLASH_SEED, node.key().as_ref(), &node.load()?.slash_count.to_le_bytes()],
        bump,
    )]
    pub proposal: Box<Account<'info, SlashProposal>>,
    /// The slashing authority, or the escrow program's job authority.
    #[account(constraint = config.may_propose_slash(proposer.key) @ RegistryError::NotSlashingAuthority)]
    pub proposer: Signer<'info>,
    #[account(mut)]
    pub payer: Signer<'info>,
    pub system_program: Program<'info, System>,
}

/// Proposes a slash with its evidence. The amount is frozen now; the operator
/// may appeal until the appeal deadline.
pub fn handler(ctx: Context<SlashPropose>, args: SlashProposeArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let node_key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    let stake = node.stake()?;
    let amount = if args.amount == 0 {
        bps_of(stake, config.params.slash_bps[args.offense as usize])?
    } else {
        args.amount
    };
    require!(amount > 0, RegistryError::ZeroAmount);
    require!(amount <= stake, RegistryError::SlashExceedsStake);

    let appeal_deadline = now.safe_add(i64::from(config.params.appeal_window_secs))?;
    let proposal = &mut ctx.accounts.proposal;
    proposal.set_inner(SlashProposal {
        node: node_key,
        index: node.slash_count,
        offense: args.offense,
        proposer: ctx.accounts.proposer.key(),
        amount,
        executed: 0,
        evidence_hash: args.evidence_hash,
        appeal_hash: [0; 32],
        proposed_at: now,
        appeal_deadline,
        status: SlashStatus::Proposed,
        bump: ctx.bumps.proposal,
        stake_at_proposal: stake,
        rent_payer: ctx.accounts.payer.key(),
    });
    node.slash_count = node.slash_count.safe_add(1)?;
    node.pending_slashes = node.pending_slashes.safe_add(1)?;
    node.open_proposals = node.open_proposals.safe_add(1)?;
    node.invariant()?;
    emit!(SlashProposed {
        node: node_key,
        proposal: proposal.key(),
        offense: args.offense,
        amount,
        evidence_hash: args.evidence_hash,
        proposer: proposal.proposer,
        appeal_deadline,
    });
    Ok(())
}
