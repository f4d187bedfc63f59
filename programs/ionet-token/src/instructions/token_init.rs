use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

use crate::constants::{
    AUTHORITY_SEED, CONFIG_SEED, IO_DECIMALS, MINT_SEED, PROPOSAL_SEED, REWARDS_SEED,
    SCHEDULE_SEED, STATS_SEED, SUPPLY_CAP,
};
use crate::error::TokenError;
use crate::events::TokenInitialized;
use crate::program::IonetToken;
use crate::state::{
    validate_schedule, EmissionEntry, NetworkStats, ParamsProposal, Schedule, TokenConfig,
    TokenParams, EPOCH_SECS_MAX, EPOCH_SECS_MIN,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct TokenInitArgs {
    pub admin: Pubkey,
    pub fee_reporter: Pubkey,
    pub slash_reporter: Pubkey,
    /// unit: seconds (fixed for the token's life)
    pub epoch_secs: u32,
    /// Allocation minted by `genesis_mint`; the rest of the cap only by emissions.
    /// precision: IO base units (1e8)
    pub genesis_total: u64,
    pub params: TokenParams,
    pub schedule: Vec<EmissionEntry>,
}

#[derive(Accounts)]
pub struct TokenInit<'info> {
    #[account(init, payer = upgrade_authority, space = TokenConfig::SPACE, seeds = [CONFIG_SEED], bump)]
    pub config: Box<Account<'info, TokenConfig>>,
    #[account(init, payer = upgrade_authority, space = Schedule::SPACE, seeds = [SCHEDULE_SEED], bump)]
    pub schedule: AccountLoader<'info, Schedule>,
    #[account(init, payer = upgrade_authority, space = ParamsProposal::SPACE, seeds = [PROPOSAL_SEED], bump)]
    pub proposal: Box<Account<'info, ParamsProposal>>,
    #[account(init, payer = upgrade_authority, space = NetworkStats::SPACE, seeds = [STATS_SEED], bump)]
    pub stats: AccountLoader<'info, NetworkStats>,
    /// The IO mint: its only mint authority is the program's authority PDA; no freeze authority.
    #[account(
        init,
        payer = upgrade_authority,
        seeds = [MINT_SEED],
        bump,
        mint::decimals = IO_DECIMALS,
        mint::authority = authority,
        mint::token_program = token_program,
    )]
    pub mint: Box<Account<'info, Mint>>,
    /// The reward pool emissions are minted into.
    #[account(
        init,
        payer = upgrade_authority,
        seeds = [REWARDS_SEED],
        bump,
        token::mint = mint,
        token::authority = authority,
        token::token_program = token_program,
    )]
    pub reward_vault: Box<Account<'info, TokenAccount>>,
    /// The program's authority PDA.
    /// CHECK: seeds checked; holds no data.
    #[account(seeds = [AUTHORITY_SEED], bump)]
    pub authority: UncheckedAccount<'info>,
    #[account(mut)]
    pub upgrade_authority: Signer<'info>,
    #[account(constraint = program.programdata_address()? == Some(program_data.key()) @ TokenError::InvalidProgramData)]
    pub program: Program<'info, IonetToken>,
    #[account(constraint = program_data.upgrade_authority_address == Some(upgrade_authority.key()) @ TokenError::NotUpgradeAuthority)]
    pub program_data: Account<'info, ProgramData>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl TokenInit<'_> {
    pub fn validate(&self, args: &TokenInitArgs) -> Result<()> {
        args.params.validate()?;
        validate_schedule(&args.schedule)?;
        require!(
            (EPOCH_SECS_MIN..=EPOCH_SECS_MAX).contains(&args.epoch_secs)
                && args.genesis_total <= SUPPLY_CAP,
            TokenError::ParamOutOfBounds
        );
        Ok(())
    }
}

/// Creates the mint (authority: the program's PDA), the reward pool, the config,
/// the schedule, the proposal slot and the statistics. Genesis is now.
#[access_control(ctx.accounts.validate(&args))]
pub fn handler(ctx: Context<TokenInit>, args: TokenInitArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.config.set_inner(TokenConfig {
        admin: args.admin,
        fee_reporter: args.fee_reporter,
        slash_reporter: args.slash_reporter,
        genesis_time: now,
        epoch_secs: args.epoch_secs,
        genesis_total: args.genesis_total,
        genesis_minted: 0,
        epochs_minted: 0,
        breaker_total: 0,
        breaker_updated_at: now,
        params: args.params,
        carry_work: 0,
        carry_availability: 0,
        bump: ctx.bumps.config,
        reserved: [0; 64],
    });
    ctx.accounts.schedule.load_init()?.set(&args.schedule);
    ctx.accounts.stats.load_init()?;
    ctx.accounts.proposal.set_inner(ParamsProposal {
        active: false,
        proposed_at: 0,
        execute_after: 0,
        params: args.params,
        schedule: Vec::new(),
    });
    emit!(TokenInitialized {
        mint: ctx.accounts.mint.key(),
        admin: args.admin,
        genesis_time: now,
        epoch_secs: args.epoch_secs,
        genesis_total: args.genesis_total,
        params: args.params,
        schedule: args.schedule,
    });
    Ok(())
}
