//! ionet escrow: the demand side of the ionet GPU marketplace.
//!
//! A client escrows payment for a cluster of GPUs for a duration; the off-chain
//! matcher assigns registry nodes (checked on-chain against the spec); nodes
//! start and report usage receipts; after completion and a challenge window
//! each node is paid pro rata to the GPU-seconds it delivered, the protocol fee
//! is burned (and/or sent to the treasury) and the rest is refunded. Nodes that
//! fail are timed out, refunded for and slashed through the registry. See
//! README.md for the state machine and the accounting identity.

use anchor_lang::prelude::*;
// Helpers the SBF lowering step calls explicitly (docs/build.md).
use solana_compiler_builtins as _;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod pda;
pub mod registry;
pub mod runs;
pub mod state;
pub mod token;
pub mod vault;

use instructions::*;

declare_id!("FzKkUxLKMRfJVpuVJQi57CiPMcYKBsXdQnFSzyFkEvWR");

#[program]
pub mod ionet_escrow {
    use super::*;

    /// Creates the escrow config PDA. Signed by the program's upgrade authority;
    /// sets the admin, matcher, arbiter, IO mint, treasury and parameters.
    pub fn config_init(ctx: Context<ConfigInit>, args: ConfigInitArgs) -> Result<()> {
        instructions::config_init::handler(ctx, args)
    }

    /// Admin: changes authorities, the treasury or parameters (within their bounds).
    pub fn config_update(ctx: Context<ConfigUpdate>, args: ConfigUpdateArgs) -> Result<()> {
        instructions::config_update::handler(ctx, args)
    }

    /// Client: creates a job (GPU spec, count, duration, price, start deadline)
    /// and escrows count x hours x price into its vault.
    pub fn job_create(ctx: Context<JobCreate>, args: JobCreateArgs) -> Result<()> {
        instructions::job_create::handler(ctx, args)
    }

    /// Matcher: assigns `gpus[i]` GPUs of the i-th node (remaining accounts: node,
    /// run per node); each must match the spec and the registry commits them.
    pub fn job_assign<'info>(ctx: Context<'info, JobAssign<'info>>, gpus: Vec<u16>) -> Result<()> {
        instructions::job_assign::handler(ctx, gpus)
    }

    /// Node agent: starts its run before the start deadline.
    pub fn job_start(ctx: Context<JobStart>) -> Result<()> {
        instructions::job_start::handler(ctx)
    }

    /// Node agent: records cumulative GPU-seconds delivered (never decreasing,
    /// never above GPUs x elapsed).
    pub fn job_report_usage(ctx: Context<JobReportUsage>, gpu_seconds: u64) -> Result<()> {
        instructions::job_report_usage::handler(ctx, gpu_seconds)
    }

    /// Client (or anyone after the latest end): ends the work and opens the
    /// challenge window.
    pub fn job_complete(ctx: Context<JobComplete>) -> Result<()> {
        instructions::job_complete::handler(ctx)
    }

    /// Client: disputes a completed job within the window, posting a bond.
    pub fn job_dispute(ctx: Context<JobDispute>, evidence_hash: [u8; 32]) -> Result<()> {
        instructions::job_dispute::handler(ctx, evidence_hash)
    }

    /// Arbiter: decides a dispute (founded: bond back, nodes paid `payout_bps`
    /// of their earnings; unfounded: bond to the treasury).
    pub fn job_resolve(ctx: Context<JobResolve>, founded: bool, payout_bps: u16) -> Result<()> {
        instructions::job_resolve::handler(ctx, founded, payout_bps)
    }

    /// Anyone, once a dispute's resolution deadline has passed undecided: the
    /// default outcome applies (nodes paid in full, the bond back to the client).
    pub fn job_dispute_lapse(ctx: Context<JobDisputeLapse>) -> Result<()> {
        instructions::job_dispute_lapse::handler(ctx)
    }

    /// Anyone, after the challenge window: settles a batch of runs (remaining
    /// accounts: run, node, operator IO account per run). Each is paid pro rata
    /// to its delivered GPU-seconds (net of the job's fee), its node released and
    /// the run closed.
    pub fn job_settle<'info>(ctx: Context<'info, JobSettle<'info>>) -> Result<()> {
        instructions::job_settle::handler(ctx)
    }

    /// Anyone, once every run is settled: burns the fees' burn share through the
    /// IO token program (recording the job in its statistics), pays the treasury
    /// the rest and refunds the client.
    pub fn job_finalize(ctx: Context<JobFinalize>) -> Result<()> {
        instructions::job_finalize::handler(ctx)
    }

    /// Client before any start (anyone after the start deadline): full refund.
    pub fn job_cancel(ctx: Context<JobCancel>) -> Result<()> {
        instructions::job_cancel::handler(ctx)
    }

    /// Anyone: removes a node that missed the start deadline or went silent;
    /// refunds its undelivered part, releases it as failed and (if it had
    /// started) proposes a slash.
    pub fn job_timeout(ctx: Context<JobTimeout>) -> Result<()> {
        instructions::job_timeout::handler(ctx)
    }

    /// Matcher or the run's agent: withdraws an assignment that has not started,
    /// before the start deadline (released with no reputation effect, the run
    /// closed), so the matcher can place its GPUs on other nodes.
    pub fn job_unassign(ctx: Context<JobUnassign>) -> Result<()> {
        instructions::job_unassign::handler(ctx)
    }

    /// Client: closes a settled job and its vault, recovering the rent; IO sent
    /// to the vault outside the job's books goes to the treasury.
    pub fn job_close(ctx: Context<JobClose>) -> Result<()> {
        instructions::job_close::handler(ctx)
    }
}
