use anchor_lang::prelude::*;
use anchor_spl::token::TokenAccount;

use crate::error::RegistryError;
use crate::events::ConfigUpdated;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{RegistryConfig, RegistryParams};

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct ConfigUpdateArgs {
    pub admin: Option<Pubkey>,
    pub slashing_authority: Option<Pubkey>,
    pub job_authority: Option<Pubkey>,
    pub verifiers: Option<Vec<Pubkey>>,
    pub params: Option<RegistryParams>,
    /// A new liveness oracle list (at most `MAX_ORACLES`; the quorum must be a
    /// majority of it and at most its length). Roots not yet final count only the
    /// votes of the new list's oracles.
    pub oracles: Option<Vec<Pubkey>>,
}

#[derive(Accounts)]
pub struct ConfigUpdate<'info> {
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ RegistryError::NotAdmin)]
    pub config: Box<Account<'info, RegistryConfig>>,
    pub admin: Signer<'info>,
    /// A new treasury (IO token account), if it changes.
    #[account(token::mint = config.stake_mint)]
    pub new_treasury: Option<Box<Account<'info, TokenAccount>>>,
}

/// The admin changes authorities, the verifier set, the treasury or parameters;
/// each is checked against its bounds and the change is evented.
pub fn handler(ctx: Context<ConfigUpdate>, args: ConfigUpdateArgs) -> Result<()> {
    let new_treasury = ctx.accounts.new_treasury.as_ref().map(|t| t.key());
    let changes = args.admin.is_some()
        || args.slashing_authority.is_some()
        || args.job_authority.is_some()
        || args.verifiers.is_some()
        || args.params.is_some()
        || args.oracles.is_some()
        || new_treasury.is_some();
    require!(changes, RegistryError::NothingToUpdate);
    let config = &mut ctx.accounts.config;
    if let Some(admin) = args.admin {
        config.admin = admin;
    }
    if let Some(slasher) = args.slashing_authority {
        config.slashing_authority = slasher;
    }
    if let Some(job_authority) = args.job_authority {
        config.job_authority = job_authority;
    }
    if let Some(verifiers) = args.verifiers {
        config.verifiers = verifiers;
    }
    if let Some(params) = args.params {
        config.params = params;
    }
    if let Some(treasury) = new_treasury {
        config.treasury = treasury;
    }
    let oracles_changed = args.oracles.is_some();
    if let Some(oracles) = args.oracles {
        config.oracles = oracles;
    }
    if oracles_changed || args.params.is_some() {
        // The admin may not leave a quorum the list cannot reach (an equivocation
        // removal may, until the admin adds an oracle).
        require!(
            config.oracles.is_empty()
                || usize::from(config.params.oracle_quorum) <= config.oracles.len(),
            RegistryError::OracleQuorumInvalid
        );
    }
    config.invariant()?;
    emit!(ConfigUpdated {
        admin: config.admin,
        slashing_authority: config.slashing_authority,
        job_authority: config.job_authority,
        treasury: config.treasury,
        verifiers: config.verifiers.clone(),
        params: config.params,
        oracles: config.oracles.clone(),
    });
    Ok(())
}
