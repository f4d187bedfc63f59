use anchor_lang::prelude::*;

use crate::error::TokenError;
use crate::events::AuthoritiesUpdated;
use crate::pda::CONFIG_ADDRESS;
use crate::state::TokenConfig;

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct AuthorityUpdateArgs {
    pub admin: Option<Pubkey>,
    pub fee_reporter: Option<Pubkey>,
    pub slash_reporter: Option<Pubkey>,
}

#[derive(Accounts)]
pub struct AuthorityUpdate<'info> {
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ TokenError::NotAdmin)]
    pub config: Box<Account<'info, TokenConfig>>,
    pub admin: Signer<'info>,
}

/// The admin hands over the admin role (to a multisig or a governance PDA) or
/// sets the burn reporters. Economic parameters change only through proposals.
pub fn handler(ctx: Context<AuthorityUpdate>, args: AuthorityUpdateArgs) -> Result<()> {
    require!(
        args.admin.is_some() || args.fee_reporter.is_some() || args.slash_reporter.is_some(),
        TokenError::NothingToUpdate
    );
    let config = &mut ctx.accounts.config;
    if let Some(admin) = args.admin {
        config.admin = admin;
    }
    if let Some(reporter) = args.fee_reporter {
        config.fee_reporter = reporter;
    }
    if let Some(reporter) = args.slash_reporter {
        config.slash_reporter = reporter;
    }
    emit!(AuthoritiesUpdated {
        admin: config.admin,
        fee_reporter: config.fee_reporter,
        slash_reporter: config.slash_reporter,
    });
    Ok(())
}
