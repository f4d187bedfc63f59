use anchor_lang::prelude::*;
use anchor_spl::token::{burn, transfer_checked, Burn, Mint, Token, TokenAccount, TransferChecked};

use crate::constants::IO_DECIMALS;
use crate::error::TokenError;
use crate::events::RewardsClaimed;
use crate::math::SafeMath;
use crate::pda::{
    AUTHORITY_ADDRESS, AUTHORITY_SIGNER, CONFIG_ADDRESS, MINT_ADDRESS, REWARDS_ADDRESS,
    STATS_ADDRESS,
};
use crate::registry_node::RegistryNode;
use crate::rewards::{apply_slashes, lock, release, resolve};
use crate::state::{NetworkStats, Reward, TokenConfig};

#[derive(Accounts)]
pub struct RewardsClaim<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = STATS_ADDRESS)]
    pub stats: AccountLoader<'info, NetworkStats>,
    #[account(
        mut,
        constraint = reward.load()?.node == node.key() @ TokenError::WrongRewardAccount,
        constraint = reward.load()?.is_at(&reward.key()) @ TokenError::InvalidPda,
        constraint = reward.load()?.beneficiary == beneficiary.key() @ TokenError::NotBeneficiary,
    )]
    pub reward: AccountLoader<'info, Reward>,
    /// The registry node (its new slashes take locked rewards first).
    /// CHECK: owner and type checked by `RegistryNode::load`.
    pub node: UncheckedAccount<'info>,
    #[account(mut, address = MINT_ADDRESS)]
    pub mint: Box<Account<'info, Mint>>,
    /// The reward pool.
    /// CHECK: address checked; the token program checks the rest.
    #[account(mut, address = REWARDS_ADDRESS)]
    pub reward_vault: UncheckedAccount<'info>,
    /// The operator's IO account.
    #[account(mut, token::mint = mint, token::authority = beneficiary)]
    pub destination: Box<Account<'info, TokenAccount>>,
    /// The program's authority PDA (owner of the pool).
    /// CHECK: address checked; no data.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    pub beneficiary: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// The operator claims: every bucket of a minted epoch (its `EpochRecord`
/// among the remaining accounts) is resolved into a tranche locked for the
/// full period; new slashes take their share of every tranche; the tranches
/// whose lock has ended are paid out, unless a slash of the node is pending
/// (`SlashPending`: it may still take them).
pub fn handler<'info>(ctx: Context<'info, RewardsClaim<'info>>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let node = RegistryNode::load(&ctx.accounts.node)?;
    let mut reward = ctx.accounts.reward.load_mut()?;
    let resolved = resolve(&mut reward, config.epochs_minted, ctx.remaining_accounts)?;
    lock(&mut reward, resolved, now, config.params.reward_lock_secs)?;
    let forfeited = apply_slashes(&mut reward, &node)?;
    let payable = release(&mut reward, now)?;
    // A pending slash may still take these rewards: nothing leaves until it is
    // decided (`slash_resolve` has a deadline, so this cannot last for ever).
    require!(
        payable == 0 || node.pending_slashes == 0,
        TokenError::SlashPending
    );
    require!(
        payable > 0 || resolved > 0 || forfeited > 0,
        TokenError::NothingToClaim
    );
    reward.claimed_total = reward.claimed_total.safe_add(payable)?;
    let (node_key, locked, unlock_at) = (reward.node, reward.locked, reward.unlock_at);
    drop(reward);

    let token_program = ctx.accounts.token_program.key();
    if forfeited > 0 {
        burn(
            CpiContext::new_with_signer(
                token_program,
                Burn {
                    mint: ctx.accounts.mint.to_account_info(),
                    from: ctx.accounts.reward_vault.to_account_info(),
                    authority: ctx.accounts.authority.to_account_info(),
                },
                &[AUTHORITY_SIGNER],
            ),
            forfeited,
        )?;
    }
    if payable > 0 {
        transfer_checked(
            CpiContext::new_with_signer(
                token_program,
                TransferChecked {
                    from: ctx.accounts.reward_vault.to_account_info(),
                    mint: ctx.accounts.mint.to_account_info(),
                    to: ctx.accounts.destination.to_account_info(),
                    authority: ctx.accounts.authority.to_account_info(),
                },
                &[AUTHORITY_SIGNER],
            ),
            payable,
            IO_DECIMALS,
        )?;
    }
    let epoch = config.epoch_at(now);
    let mut stats = ctx.accounts.stats.load_mut()?;
    stats.rewards_paid = stats.rewards_paid.safe_add(payable)?;
    stats.burned_slashes = stats.burned_slashes.safe_add(forfeited)?;
    if let Some(slot) = stats.burn_slot(epoch, config.epochs_minted) {
        slot.burned_slashes = slot.burned_slashes.safe_add(forfeited)?;
    }
    emit!(RewardsClaimed {
        node: node_key,
        resolved,
        paid: payable,
        forfeited,
        locked,
        unlock_at,
    });
    Ok(())
}
