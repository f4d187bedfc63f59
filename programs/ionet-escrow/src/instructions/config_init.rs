use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, TokenAccount};

use crate::constants::CONFIG_SEED;
use crate::error::EscrowError;
use crate::events::EscrowConfigInitialized;
use crate::program::IonetEscrow;
use crate::state::{EscrowConfig, EscrowParams};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct ConfigInitArgs {
    pub admin: Pubkey,
    pub matcher: Pubkey,
    pub arbiter: Pubkey,
    pub params: EscrowParams,
}

#[derive(Accounts)]
pub struct ConfigInit<'info> {
    #[account(
        init,
        payer = upgrade_authority,
        space = EscrowConfig::SPACE,
        seeds = [CONFIG_SEED],
        bump,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,
    /// Only the program's upgrade authority may create the config, so nobody can
    /// front-run the deployment with their own admin.
    #[account(mut)]
    pub upgrade_authority: Signer<'info>,
    #[account(constraint = program.programdata_address()? == Some(program_data.key()) @ EscrowError::InvalidProgramData)]
    pub program: Program<'info, IonetEscrow>,
    #[account(constraint = program_data.upgrade_authority_address == Some(upgrade_authority.key()) @ EscrowError::NotUpgradeAuthority)]
    pub program_data: Account<'info, ProgramData>,
    pub payment_mint: Box<Account<'info, Mint>>,
    #[account(token::mint = payment_mint)]
    pub treasury: Box<Account<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

#[access_control(args.params.validate())]
pub fn handler(ctx: Context<ConfigInit>, args: ConfigInitArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    config.set_inner(EscrowConfig {
        admin: args.admin,
        matcher: args.matcher,
        arbiter: args.arbiter,
        payment_mint: ctx.accounts.payment_mint.key(),
        treasury: ctx.accounts.treasury.key(),
        params: args.params,
        bump: ctx.bumps.config,
        reserved: [0; 60],
    });
    emit!(EscrowConfigInitialized {
        config: config.key(),
        admin: config.admin,
        matcher: config.matcher,
        arbiter: config.arbiter,
        payment_mint: config.payment_mint,
        treasury: config.treasury,
        params: config.params,
    });
    Ok(())
}
