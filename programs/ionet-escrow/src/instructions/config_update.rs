use anchor_lang::prelude::*;
use anchor_spl::token::TokenAccount;

use crate::error::EscrowError;
use crate::events::EscrowConfigUpdated;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{EscrowConfig, EscrowParams};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct ConfigUpdateArgs {
    pub admin: Option<Pubkey>,
    pub matcher: Option<Pubkey>,
    pub arbiter: Option<Pubkey>,
    pub params: Option<EscrowParams>,
}

#[derive(Accounts)]
pub struct ConfigUpdate<'info> {
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ EscrowError::NotAdmin)]
    pub config: Box<Account<'info, EscrowConfig>>,
    pub admin: Signer<'info>,
    /// A new treasury (IO token account), if it changes.
    #[account(token::mint = config.payment_mint)]
    pub new_treasury: Option<Box<Account<'info, TokenAccount>>>,
}

/// The admin changes authorities, the treasury or parameters (each within its
/// bounds); jobs already created keep the price and deposit they were created with.
pub fn handler(ctx: Context<ConfigUpdate>, args: ConfigUpdateArgs) -> Result<()> {
    let new_treasury = ctx.accounts.new_treasury.as_ref().map(|t| t.key());
    let changes = args.admin.is_some()
        || args.matcher.is_some()
        || args.arbiter.is_some()
        || args.params.is_some()
        || new_treasury.is_some();
    require!(changes, EscrowError::NothingToUpdate);
    let config = &mut ctx.accounts.config;
    if let Some(admin) = args.admin {
        config.admin = admin;
    }
    if let Some(matcher) = args.matcher {
        config.matcher = matcher;
    }
    if let Some(arbiter) = args.arbiter {
        config.arbiter = arbiter;
    }
    if let Some(params) = args.params {
        params.validate()?;
        config.params = params;
    }
    if let Some(treasury) = new_treasury {
        config.treasury = treasury;
    }
    emit!(EscrowConfigUpdated {
        admin: config.admin,
        matcher: config.matcher,
        arbiter: config.arbiter,
        treasury: config.treasury,
        params: config.params,
    });
    Ok(())
}
