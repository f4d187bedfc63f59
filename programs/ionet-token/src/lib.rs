//! ionet token: the IO token's economics, enforced by code.
//!
//! The IO mint's only mint authority is this program's PDA (no freeze
//! authority); every mint checks the 800M IO hard cap. A genesis allocation is
//! minted at the start; the rest only by the emission schedule, one epoch at a
//! time behind a windowed circuit breaker. Fees from job settlement and the
//! burned share of slashes are burned through this program, so the network's
//! statistics (minted, burned, compute spend, fees; per epoch) are on-chain.
//! Economic parameters change only by time-locked proposals.

use anchor_lang::prelude::*;
// Helpers the SBF lowering step calls explicitly (docs/build.md).
use solana_compiler_builtins as _;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod pda;
pub mod registry_node;
pub mod rewards;
pub mod state;

use instructions::*;

declare_id!("7883gsa3V2o3E8XboYD8DyQyaz6MuEq4f4dH6bCb3vsn");

#[program]
pub mod ionet_token {
    use super::*;

    /// Creates the IO mint (mint authority: this program's PDA, no freeze
    /// authority), the reward pool, config, schedule, proposal slot and stats.
    /// Signed by the program's upgrade authority.
    pub fn token_init(ctx: Context<TokenInit>, args: TokenInitArgs) -> Result<()> {
        instructions::token_init::handler(ctx, args)
    }

    /// Admin: mints part of the genesis allocation to a recipient.
    pub fn genesis_mint(ctx: Context<GenesisMint>, amount: u64) -> Result<()> {
        instructions::genesis_mint::handler(ctx, amount)
    }

    /// Anyone: mints the next ended epoch's emission into the reward pool, once,
    /// within the cap and the circuit breaker.
    pub fn emission_mint_epoch(ctx: Context<EmissionMintEpoch>) -> Result<()> {
        instructions::emission_mint_epoch::handler(ctx)
    }

    /// Fee or slash reporter (the escrow / the registry, by CPI): burns IO and
    /// records it, with the compute spend and fees it came from, in the stats.
    pub fn fees_burn(ctx: Context<FeesBurn>, args: FeesBurnArgs) -> Result<()> {
        instructions::fees_burn::handler(ctx, args)
    }

    /// Admin: proposes parameters and schedule entries, executable after the timelock.
    pub fn params_propose(ctx: Context<ParamsPropose>, args: ParamsProposeArgs) -> Result<()> {
        instructions::params_propose::handler(ctx, args)
    }

    /// Admin: executes the pending proposal once its timelock has passed.
    pub fn params_execute(ctx: Context<ParamsExecute>) -> Result<()> {
        instructions::params_execute::handler(ctx)
    }

    /// Admin: withdraws the pending proposal.
    pub fn params_cancel(ctx: Context<ParamsCancel>) -> Result<()> {
        instructions::params_cancel::handler(ctx)
    }

    /// Anyone (the operator): opens a node's reward account.
    pub fn rewards_open(ctx: Context<RewardsOpen>) -> Result<()> {
        instructions::rewards_open::handler(ctx)
    }

    /// Anyone (the node's agent, each epoch): credits the epoch with the node's new
    /// work and, if active, its availability, read from the registry; resolves
    /// minted epochs (remaining accounts: their records) into locked tranches.
    pub fn rewards_accrue<'info>(ctx: Context<'info, RewardsAccrue<'info>>) -> Result<()> {
        instructions::rewards_accrue::handler(ctx)
    }

    /// Operator: resolves minted epochs into the locked balance (remaining
    /// accounts: their epoch records) and is paid what finished its lock.
    pub fn rewards_claim<'info>(ctx: Context<'info, RewardsClaim<'info>>) -> Result<()> {
        instructions::rewards_claim::handler(ctx)
    }

    /// Anyone, after a slash: resolves minted epochs (remaining accounts: the
    /// records of every minted epoch the account holds points for, else
    /// `EpochRecordsMissing`), then burns the share of the node's locked rewards
    /// the slash took of its stake.
    pub fn rewards_forfeit<'info>(ctx: Context<'info, RewardsForfeit<'info>>) -> Result<()> {
        instructions::rewards_forfeit::handler(ctx)
    }

    /// Beneficiary: closes a node's reward account once nothing is locked and no
    /// points wait to be resolved; the rent returns to the beneficiary. The
    /// registry deregisters a node only once its reward account is closed.
    pub fn rewards_close(ctx: Context<RewardsClose>) -> Result<()> {
        instructions::rewards_close::handler(ctx)
    }

    /// Admin: hands over the admin role or sets the burn reporters.
    pub fn authority_update(
        ctx: Context<AuthorityUpdate>,
        args: AuthorityUpdateArgs,
    ) -> Result<()> {
        instructions::authority_update::handler(ctx, args)
    }
}
