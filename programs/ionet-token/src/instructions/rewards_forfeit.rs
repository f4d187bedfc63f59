use anchor_lang::prelude::*;
use anchor_spl::token::{burn, Burn, Mint, Token};

use crate::error::TokenError;
use crate::events::RewardsForfeited;
use crate::math::SafeMath;
use crate::pda::{
    AUTHORITY_ADDRESS, AUTHORITY_SIGNER, CONFIG_ADDRESS, MINT_ADDRESS, REWARDS_ADDRESS,
    STATS_ADDRESS,
};
use crate::registry_node::RegistryNode;
use crate::rewards::{apply_slashes, lock, resolve};
use crate::state::{NetworkStats, Reward, TokenConfig};

#[derive(Accounts)]
pub struct RewardsForfeit<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(mut, address = STATS_ADDRESS)]
    pub stats: AccountLoader<'info, NetworkStats>,
    #[account(
        mut,
        constraint = reward.load()?.node == node.key() @ TokenError::WrongRewardAccount,
        constraint = reward.load()?.is_at(&reward.key()) @ TokenError::InvalidPda,
    )]
    pub reward: AccountLoader<'info, Reward>,
    /// The registry node.
    /// CHECK: owner and type checked by `RegistryNode::load`.
    pub node: UncheckedAccount<'info>,
    #[account(mut, address = MINT_ADDRESS)]
    pub mint: Box<Account<'info, Mint>>,
    /// The reward pool.
    /// CHECK: address checked; the token program checks the rest.
    #[account(mut, address = REWARDS_ADDRESS)]
    pub reward_vault: UncheckedAccount<'info>,
    /// The program's authority PDA (owner of the pool).
    /// CHECK: address checked; no data.
    #[account(address = AUTHORITY_ADDRESS)]
    pub authority: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token>,
}

/// Anyone, once the registry executed a slash: the minted epochs whose records
/// are passed (remaining accounts) are resolved into a locked tranche, then
/// every tranche loses the share the slash took of the stake; the forfeited IO
/// is burned and counted as slashed. (A claim does the same before paying, so
/// rewards can never leave ahead of a slash.)
pub fn handler<'info>(ctx: Context<'info, RewardsForfeit<'info>>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &ctx.accounts.config;
    let node = RegistryNode::load(&ctx.accounts.node)?;
    let (taken, node_key, locked) = {
        let mut reward = ctx.accounts.reward.load_mut()?;
        require!(
            node.slashed_total > reward.last_slashed_total,
            TokenError::NoNewSlashes
        );
        let resolved = resolve(&mut reward, config.epochs_minted, ctx.remaining_accounts)?;
        // Once applied, a slash is never applied again: points of a minted epoch left
        // unresolved here would later lock in full, escaping the forfeiture.
        require!(
            !reward
                .buckets
                .iter()
                .any(|b| b.used != 0 && b.epoch < config.epochs_minted),
            TokenError::EpochRecordsMissing
        );
        lock(&mut reward, resolved, now, config.params.reward_lock_secs)?;
        let taken = apply_slashes(&mut reward, &node)?;
        (taken, reward.node, reward.locked)
    };
    if taken > 0 {
        burn(
            CpiContext::new_with_signer(
                ctx.accounts.token_program.key(),
                Burn {
                    mint: ctx.accounts.mint.to_account_info(),
                    from: ctx.accounts.reward_vault.to_account_info(),
                    authority: ctx.accounts.authority.to_account_info(),
                },
                &[AUTHORITY_SIGNER],
            ),
            taken,
        )?;
    }
    let epoch = config.epoch_at(now);
    let mut stats = ctx.accounts.stats.load_mut()?;
    stats.burned_slashes = stats.burned_slashes.safe_add(taken)?;
    if let Some(slot) = stats.burn_slot(epoch, config.epochs_minted) {
        slot.burned_slashes = slot.burned_slashes.safe_add(taken)?;
    }
    emit!(RewardsForfeited {
        node: node_key,
        forfeited: taken,
        locked,
    });
    Ok(())
}
