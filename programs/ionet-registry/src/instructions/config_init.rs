use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, TokenAccount};

use crate::constants::CONFIG_SEED;
use crate::error::RegistryError;
use crate::events::ConfigInitialized;
use crate::program::IonetRegistry;
use crate::state::{validate_verifiers, RegistryConfig, RegistryParams};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct ConfigInitArgs {
    pub admin: Pubkey,
    pub slashing_authority: Pubkey,
    /// The escrow program's authority PDA, or the default key for none yet.
    pub job_authority: Pubkey,
    pub verifiers: Vec<Pubkey>,
    pub params: RegistryParams,
}

#[derive(Accounts)]
pub struct ConfigInit<'info> {
    #[account(
        init,
        payer = upgrade_authority,
        space = RegistryConfig::SPACE,
        seeds = [CONFIG_SEED],
        bump,
    )]
    pub config: Box<Account<'info, RegistryConfig>>,
    /// Only the program's upgrade authority may create the config, so nobody can
    /// front-run the deployment with their own admin.
    #[account(mut)]
    pub upgrade_authority: Signer<'info>,
    #[account(constraint = program.programdata_address()? == Some(program_data.key()) @ RegistryError::InvalidProgramData)]
    pub program: Program<'info, IonetRegistry>,
    #[account(constraint = program_data.upgrade_authority_address == Some(upgrade_authority.key()) @ RegistryError::NotUpgradeAuthority)]
    pub program_data: Account<'info, ProgramData>,
    /// The IO mint (8 decimals; the IO token program's mint in a deployment).
    #[account(constraint = stake_mint.decimals == ionet_token::constants::IO_DECIMALS @ RegistryError::WrongMint)]
    pub stake_mint: Box<Account<'info, Mint>>,
    #[account(token::mint = stake_mint)]
    pub treasury: Box<Account<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

impl ConfigInit<'_> {
    pub fn validate(&self, args: &ConfigInitArgs) -> Result<()> {
        args.params.validate()?;
        validate_verifiers(&args.verifiers)
    }
}

#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<ConfigInit>, args: ConfigInitArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    config.set_inner(RegistryConfig {
        admin: args.admin,
        slashing_authority: args.slashing_authority,
        job_authority: args.job_authority,
        stake_mint: ctx.accounts.stake_mint.key(),
        treasury: ctx.accounts.treasury.key(),
        verifiers: args.verifiers,
        params: args.params,
        node_count: 0,
        bump: ctx.bumps.config,
        oracles: Vec::new(),
        oracles_removed: 0,
        reserved: [0; 64],
    });
    config.invariant()?;
    emit!(ConfigInitialized {
        config: config.key(),
        admin: config.admin,
        slashing_authority: config.slashing_authority,
        job_authority: config.job_authority,
        stake_mint: config.stake_mint,
        treasury: config.treasury,
        verifiers: config.verifiers.clone(),
        params: config.params,
    });
    Ok(())
}
