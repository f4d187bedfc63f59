use anchor_lang::prelude::*;
use anchor_spl::token::{transfer_checked, Token, TokenAccount, TransferChecked};
use ionet_token::instructions::{BurnKind, FeesBurnArgs};
use ionet_token::program::IonetToken;

use crate::constants::{CONFIG_SEED, NODE_SEED};
use crate::error::RegistryError;
use crate::events::SlashExecuted;
use crate::math::{bps_of, share_ppb, slash_now, uptime_after, SafeMath};
use crate::pda::{CONFIG_ADDRESS, CONFIG_PDA};
use crate::state::{Node, NodeStatus, Offense, RegistryConfig, SlashProposal, SlashStatus};

#[derive(Accounts)]
pub struct SlashExecute<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(
        mut,
        has_one = node,
        constraint = proposal.is_at(&proposal.key()) @ RegistryError::InvalidPda,
    )]
    pub proposal: Box<Account<'info, SlashProposal>>,
    #[account(mut, address = node.load()?.vault @ RegistryError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    /// The IO mint (the burn reduces its supply).
    /// CHECK: address checked here; the token program checks it in the burn and
    /// the transfer (which also checks its decimals against `IO_DECIMALS`).
    #[account(mut, address = config.stake_mint @ RegistryError::WrongMint)]
    pub stake_mint: UncheckedAccount<'info>,
    /// The treasury (its mint is checked by the token program's transfer).
    /// CHECK: address checked here.
    #[account(mut, address = config.treasury @ RegistryError::WrongTreasury)]
    pub treasury: UncheckedAccount<'info>,
    /// The IO token program's config (it checks that the registry reports slashes).
    /// CHECK: address checked; read by the token program.
    #[account(address = ionet_token::pda::CONFIG_ADDRESS)]
    pub token_config: UncheckedAccount<'info>,
    /// The IO token program's statistics.
    /// CHECK: address checked; written by the token program.
    #[account(mut, address = ionet_token::pda::STATS_ADDRESS)]
    pub token_stats: UncheckedAccount<'info>,
    pub cranker: Signer<'info>,
    pub token_program: Program<'info, Token>,
    pub io_program: Program<'info, IonetToken>,
}

/// Permissionless once the appeal window has closed (or the admin upheld an
/// appeal). Takes at most the per-epoch cap; what remains stays executable in
/// later slash epochs (the cap is at least its share of the frozen amount, so a
/// slash completes within 10_000 / cap_bps slash epochs, rounded up). The slashed tokens are split between burning and the
/// treasury; the node's reputation drops with the first execution.
pub fn handler(ctx: Context<SlashExecute>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let proposal = &ctx.accounts.proposal;
    match proposal.status {
        SlashStatus::Proposed => require!(
            now > proposal.appeal_deadline,
            RegistryError::AppealWindowOpen
        ),
        SlashStatus::Upheld => {}
        _ => return err!(RegistryError::SlashNotExecutable),
    }
    let node_key = ctx.accounts.node.key();

    // 1. Account the slash on the node; keep what the CPIs need, release the borrow
    //    (the CPIs borrow the node: it signs for its vault).
    let (amount, operator, node_id, bump) = {
        let mut node = ctx.accounts.node.load_mut()?;
        if now
            >= node
                .slash_epoch_start
                .safe_add(i64::from(config.params.slash_epoch_secs))?
        {
            node.slash_epoch_start = now;
            node.slashed_in_epoch = 0;
        }
        let remaining = proposal.amount.safe_sub(proposal.executed)?;
        let amount = slash_now(
            remaining,
            proposal.amount,
            node.stake()?,
            node.slashed_in_epoch,
            config.params.epoch_slash_cap_bps,
        )?;
        // With no stake left there is nothing to take: the proposal closes as
        // executed (below) instead of staying pending, and blocking the node, for ever.
        require!(
            amount > 0 || node.stake()? == 0,
            RegistryError::SlashCapReached
        );
        // Bonded stake first, then unbonding.
        let from_bonded = amount.min(node.bonded);
        node.bonded = node.bonded.safe_sub(from_bonded)?;
        node.unbonding = node.unbonding.safe_sub(amount.safe_sub(from_bonded)?)?;
        if node.unbonding == 0 {
            node.unbonding_ready_at = 0;
        }
        node.slashed_in_epoch = node.slashed_in_epoch.safe_add(amount)?;
        node.slashed_total = node.slashed_total.safe_add(amount)?;
        // The share of the stake this takes, against the stake the proposal froze:
        // a top-up after the proposal cannot dilute the rewards it forfeits.
        node.slashed_share_ppb = node
            .slashed_share_ppb
            .safe_add(share_ppb(amount, proposal.stake_at_proposal)?)?;
        (amount, node.operator, node.node_id, node.bump)
    };

    // 2. Burn the burn share, send the rest to the treasury.
    let burned = bps_of(amount, config.params.slash_burn_bps)?;
    let to_treasury = amount.safe_sub(burned)?;
    let id = node_id.to_le_bytes();
    let seeds: &[&[u8]] = &[NODE_SEED, operator.as_ref(), &id, &[bump]];
    let token_program = ctx.accounts.token_program.key();
    let authority = ctx.accounts.node.to_account_info();
    if burned > 0 {
        // Burned through the IO token program, so that its statistics count it;
        // the registry's config PDA signs as the slash reporter.
        let reporter: &[&[u8]] = &[CONFIG_SEED, &[CONFIG_PDA.1]];
        ionet_token::cpi::fees_burn(
            CpiContext::new_with_signer(
                ctx.accounts.io_program.key(),
                ionet_token::cpi::accounts::FeesBurn {
                    config: ctx.accounts.token_config.to_account_info(),
                    stats: ctx.accounts.token_stats.to_account_info(),
                    mint: ctx.accounts.stake_mint.to_account_info(),
                    source: ctx.accounts.vault.to_account_info(),
                    source_authority: authority.clone(),
                    reporter: ctx.accounts.config.to_account_info(),
                    token_program: ctx.accounts.token_program.to_account_info(),
                },
                &[seeds, reporter],
            ),
            FeesBurnArgs {
                kind: BurnKind::Slash,
                amount: burned,
                compute_spend: 0,
                fees: 0,
                escrowed: 0,
            },
        )?;
    }
    if to_treasury > 0 {
        transfer_checked(
            CpiContext::new_with_signer(
                token_program,
                TransferChecked {
                    from: ctx.accounts.vault.to_account_info(),
                    mint: ctx.accounts.stake_mint.to_account_info(),
                    to: ctx.accounts.treasury.to_account_info(),
                    authority,
                },
                &[seeds],
            ),
            to_treasury,
            ionet_token::constants::IO_DECIMALS,
        )?;
    }

    // 3. Record the outcome: the proposal, the offense's effect on reputation.
    let mut node = ctx.accounts.node.load_mut()?;
    let proposal = &mut ctx.accounts.proposal;
    let first = proposal.executed == 0;
    proposal.executed = proposal.executed.safe_add(amount)?;
    if first {
        node.slashes_executed = node.slashes_executed.safe_add(1)?;
        match proposal.offense {
            // A job authority's proposal follows a release that already counted the failure.
            Offense::JobFailure if proposal.proposer != config.job_authority => {
                node.jobs_failed = node.jobs_failed.safe_add(1)?
            }
            Offense::JobFailure => {}
            Offense::Downtime => node.uptime_bps = uptime_after(node.uptime_bps, false),
            Offense::HardwareSpoofing | Offense::Misconduct => {
                node.set_status(node_key, NodeStatus::Jailed)
            }
        }
    }
    if proposal.executed == proposal.amount || node.stake()? == 0 {
        proposal.status = SlashStatus::Executed;
        node.pending_slashes = node.pending_slashes.safe_sub(1)?;
    }
    node.refresh(node_key, &config.params, now)?;
    emit!(SlashExecuted {
        node: node_key,
        proposal: proposal.key(),
        amount,
        burned,
        to_treasury,
        remaining: proposal.amount.safe_sub(proposal.executed)?,
        status: proposal.status,
        reputation_bps: node.reputation_bps,
    });
    Ok(())
}
