use anchor_lang::prelude::*;
use anchor_spl::token::{burn, Burn, Token};

use crate::error::TokenError;
use crate::events::TokensBurned;
use crate::math::{mint_supply, SafeMath};
use crate::pda::{CONFIG_ADDRESS, MINT_ADDRESS, STATS_ADDRESS};
use crate::state::{BurnView, NetworkStats};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BurnKind {
    /// Protocol fees from job settlement (reported by the escrow).
    Fee,
    /// The burned share of an executed slash (reported by the registry).
    Slash,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct FeesBurnArgs {
    pub kind: BurnKind,
    /// Burned now. precision: IO base units (1e8)
    pub amount: u64,
    /// Paid for compute by the settlement this burn comes from (fees: 0 for slashes).
    /// precision: IO base units (1e8)
    pub compute_spend: u64,
    /// Protocol fees that settlement charged, burned or not. precision: IO base units (1e8)
    pub fees: u64,
    /// What the settled job had escrowed (0 for slashes). precision: IO base units (1e8)
    pub escrowed: u64,
}

#[derive(Accounts)]
pub struct FeesBurn<'info> {
    /// Read in place (`BurnView`): this runs for every settled job and slash.
    /// CHECK: address checked here; owner and type checked by `BurnView::load`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, address = STATS_ADDRESS)]
    pub stats: AccountLoader<'info, NetworkStats>,
    /// The IO mint (read in place: only its supply, for the event).
    /// CHECK: address checked; the token program's burn checks the rest.
    #[account(mut, address = MINT_ADDRESS)]
    pub mint: UncheckedAccount<'info>,
    /// The IO account burned from (the token program checks its mint and that
    /// `source_authority` may burn from it).
    /// CHECK: checked by the token program's burn.
    #[account(mut)]
    pub source: UncheckedAccount<'info>,
    pub source_authority: Signer<'info>,
    /// The escrow's authority (fees) or the registry's (slashes), signing by CPI.
    pub reporter: Signer<'info>,
    pub token_program: Program<'info, Token>,
}

/// Burns IO through this program so that the network's statistics count it:
/// fees from job settlements and the burned share of slashes, each only from
/// its reporter; the settlement's compute spend and fees are recorded too.
pub fn handler(ctx: Context<FeesBurn>, args: FeesBurnArgs) -> Result<()> {
    let config = BurnView::load(&ctx.accounts.config)?;
    let reporter = match args.kind {
        BurnKind::Fee => config.fee_reporter,
        BurnKind::Slash => config.slash_reporter,
    };
    require!(
        reporter != Pubkey::default() && reporter == ctx.accounts.reporter.key(),
        TokenError::NotBurnReporter
    );
    require!(
        args.amount > 0 || args.compute_spend > 0 || args.escrowed > 0,
        TokenError::ZeroAmount
    );
    if args.amount > 0 {
        burn(
            CpiContext::new(
                ctx.accounts.token_program.key(),
                Burn {
                    mint: ctx.accounts.mint.to_account_info(),
                    from: ctx.accounts.source.to_account_info(),
                    authority: ctx.accounts.source_authority.to_account_info(),
                },
            ),
            args.amount,
        )?;
    }
    let epoch = config.epoch_at(Clock::get()?.unix_timestamp);
    let mut stats = ctx.accounts.stats.load_mut()?;
    match args.kind {
        BurnKind::Fee => stats.burned_fees = stats.burned_fees.safe_add(args.amount)?,
        BurnKind::Slash => stats.burned_slashes = stats.burned_slashes.safe_add(args.amount)?,
    }
    stats.compute_spend = stats.compute_spend.safe_add(args.compute_spend)?;
    stats.fees = stats.fees.safe_add(args.fees)?;
    stats.escrowed_volume = stats.escrowed_volume.safe_add(args.escrowed)?;
    // Burns never erase points: with emissions 64 epochs behind, the burn is
    // counted in the totals only (`burn_slot`).
    if let Some(slot) = stats.burn_slot(epoch, config.epochs_minted) {
        match args.kind {
            BurnKind::Fee => slot.burned_fees = slot.burned_fees.safe_add(args.amount)?,
            BurnKind::Slash => slot.burned_slashes = slot.burned_slashes.safe_add(args.amount)?,
        }
        slot.compute_spend = slot.compute_spend.safe_add(args.compute_spend)?;
        slot.fees = slot.fees.safe_add(args.fees)?;
    }
    emit!(TokensBurned {
        kind: args.kind,
        amount: args.amount,
        compute_spend: args.compute_spend,
        fees: args.fees,
        epoch,
        supply: mint_supply(&ctx.accounts.mint)?,
    });
    Ok(())
}
