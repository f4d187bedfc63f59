use anchor_lang::prelude::*;
use anchor_spl::token::{
    close_account, transfer_checked, CloseAccount, Token, TokenAccount, TransferChecked,
};

use crate::constants::NODE_SEED;
use crate::error::RegistryError;
use crate::events::{DustSwept, NodeDeregistered};
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{Node, RegistryConfig};

#[derive(Accounts)]
pub struct NodeDeregister<'info> {
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        close = operator,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
        has_one = operator @ RegistryError::NotOperator,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(mut, address = node.load()?.vault @ RegistryError::WrongVault)]
    pub vault: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub operator: Signer<'info>,
    pub token_program: Program<'info, Token>,
    /// The IO mint (for the dust sweep's checked transfer).
    /// CHECK: address checked here; the token program checks it in the transfer.
    #[account(address = config.stake_mint @ RegistryError::WrongMint)]
    pub stake_mint: UncheckedAccount<'info>,
    /// The treasury: gets IO the vault holds beyond the books.
    /// CHECK: address checked here; its mint is checked by the token program.
    #[account(mut, address = config.treasury @ RegistryError::WrongTreasury)]
    pub treasury: UncheckedAccount<'info>,
    /// The node's reward account in the IO token program (`["reward", node]`):
    /// it must not exist (closed by `rewards_close`), or a re-registered node
    /// would meet its stale snapshots.
    /// CHECK: address derived and checked by `validate`.
    pub reward: UncheckedAccount<'info>,
}

impl NodeDeregister<'_> {
    pub fn validate(&self) -> Result<()> {
        let node = self.node.load()?;
        require!(node.active_jobs == 0, RegistryError::NodeBusy);
        require!(node.pending_slashes == 0, RegistryError::PendingSlash);
        require!(node.open_proposals == 0, RegistryError::SlashProposalsOpen);
        require!(
            node.bonded == 0 && node.unbonding == 0,
            RegistryError::StakeRemaining
        );
        let (reward, _) = Pubkey::find_program_address(
            &[
                ionet_token::constants::REWARD_SEED,
                self.node.key().as_ref(),
            ],
            &ionet_token::ID,
        );
        require_keys_eq!(self.reward.key(), reward, RegistryError::WrongRewardAccount);
        require!(
            self.reward.data_is_empty(),
            RegistryError::RewardsAccountOpen
        );
        Ok(())
    }
}

/// Closes the node and its vault. With no stake on the books, whatever the
/// vault still holds was sent to it from outside: it goes to the treasury, so
/// that nobody can keep a vault (and the operator's rent) open with dust.
#[access_control(ctx.accounts.validate())]
pub fn handler(ctx: Context<NodeDeregister>) -> Result<()> {
    // Read what the signature needs, then release the borrow: the CPI borrows the node.
    let (operator, node_id, bump) = {
        let node = ctx.accounts.node.load()?;
        (node.operator, node.node_id, node.bump)
    };
    let id = node_id.to_le_bytes();
    let seeds: &[&[u8]] = &[NODE_SEED, operator.as_ref(), &id, &[bump]];
    let dust = ctx.accounts.vault.amount;
    if dust > 0 {
        transfer_checked(
            CpiContext::new_with_signer(
                ctx.accounts.token_program.key(),
                TransferChecked {
                    from: ctx.accounts.vault.to_account_info(),
                    mint: ctx.accounts.stake_mint.to_account_info(),
                    to: ctx.accounts.treasury.to_account_info(),
                    authority: ctx.accounts.node.to_account_info(),
                },
                &[seeds],
            ),
            dust,
            ionet_token::constants::IO_DECIMALS,
        )?;
        emit!(DustSwept {
            vault: ctx.accounts.vault.key(),
            amount: dust,
        });
    }
    close_account(CpiContext::new_with_signer(
        ctx.accounts.token_program.key(),
        CloseAccount {
            account: ctx.accounts.vault.to_account_info(),
            destination: ctx.accounts.operator.to_account_info(),
            authority: ctx.accounts.node.to_account_info(),
        },
        &[seeds],
    ))?;
    let config = &mut ctx.accounts.config;
    config.node_count = config.node_count.safe_sub(1)?;
    emit!(NodeDeregistered {
        node: ctx.accounts.node.key(),
        operator,
        node_id
    });
    Ok(())
}
