//! ionet registry: the supply side of the ionet GPU marketplace.
//!
//! GPU nodes (declared hardware, agent key), their stake bonds in IO (a vault
//! per node), proof-of-compute attestations by a verifier set, liveness and
//! uptime proven against the oracles' epoch roots, an on-chain reputation, and slashing with evidence, appeal and
//! a per-epoch cap. See README.md for the status machine and the formulas.

use anchor_lang::prelude::*;
// Helpers the SBF lowering step calls explicitly (docs/build.md).
use solana_compiler_builtins as _;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod pda;
pub mod state;

use instructions::*;
use state::{GpuTier, JobOutcome};

declare_id!("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G");

#[program]
pub mod ionet_registry {
    use super::*;

    /// Creates the registry config PDA. Signed by the program's upgrade authority;
    /// sets the admin, slashing authority, verifier set, IO mint, treasury and
    /// parameters (each checked against its on-chain bounds).
    pub fn config_init(ctx: Context<ConfigInit>, args: ConfigInitArgs) -> Result<()> {
        instructions::config_init::handler(ctx, args)
    }

    /// Admin: changes authorities, the verifier set, the treasury or parameters
    /// (within their bounds). Emits `ConfigUpdated`.
    pub fn config_update(ctx: Context<ConfigUpdate>, args: ConfigUpdateArgs) -> Result<()> {
        instructions::config_update::handler(ctx, args)
    }

    /// Operator: registers a node (PDA from operator + node id) with its declared
    /// hardware and agent key, and creates its stake vault.
    pub fn node_register(ctx: Context<NodeRegister>, args: NodeRegisterArgs) -> Result<()> {
        instructions::node_register::handler(ctx, args)
    }

    /// Operator: changes the agent key or the declared hardware. A hardware change
    /// clears the attestation (and is refused while the node has jobs).
    pub fn node_update(ctx: Context<NodeUpdate>, args: NodeUpdateArgs) -> Result<()> {
        instructions::node_update::handler(ctx, args)
    }

    /// Operator: closes the node and its vault, returning the rent. Only with no
    /// jobs, no stake, no open slash proposal and no open reward account; IO in
    /// the vault beyond the books (dust sent to it) goes to the treasury.
    pub fn node_deregister(ctx: Context<NodeDeregister>) -> Result<()> {
        instructions::node_deregister::handler(ctx)
    }

    /// Liveness oracle: votes for `(root, leaf_count)` as epoch `epoch`'s tree of
    /// node liveness leaves. A root takes effect once `oracle_quorum` oracles voted
    /// for it and its challenge window passed (docs/liveness.md §6).
    pub fn liveness_root_commit(
        ctx: Context<LivenessRootCommit>,
        epoch: u64,
        root: [u8; 32],
        leaf_count: u32,
    ) -> Result<()> {
        instructions::liveness_root_commit::handler(ctx, epoch, root, leaf_count)
    }

    /// Anyone: closes epoch `epoch`'s root record once a later epoch's root is in
    /// effect (leaves are cumulative), its rent back to the oracle that created it.
    pub fn liveness_root_close(ctx: Context<LivenessRootClose>, epoch: u64) -> Result<()> {
        instructions::liveness_root_close::handler(ctx, epoch)
    }

    /// Anyone: evidence (an ed25519 precompile instruction right before this one)
    /// that an oracle signed two different roots for one epoch removes it from the
    /// oracle list; its votes stop counting in roots not yet final.
    pub fn liveness_equivocation(ctx: Context<LivenessEquivocation>) -> Result<()> {
        instructions::liveness_equivocation::handler(ctx)
    }

    /// Anyone: brings a node's uptime, last sighting and reputation up to its leaf
    /// in an epoch root in effect, with the leaf's Merkle proof.
    pub fn node_sync(ctx: Context<NodeSync>, args: NodeSyncArgs) -> Result<()> {
        instructions::node_sync::handler(ctx, args)
    }

    /// Anyone: marks an active node as inactive once its oracle-proven liveness
    /// (`node_sync`) went stale: last seen more than `liveness_max_age_secs` ago.
    pub fn node_mark_inactive(ctx: Context<NodeMarkInactive>) -> Result<()> {
        instructions::node_mark_inactive::handler(ctx)
    }

    /// Verifier: records a proof-of-compute attestation. Passing sets the node's
    /// effective tier from the attested hardware; declared hardware that differs
    /// from what was measured is recorded as spoofing evidence and jails the node.
    pub fn node_attest(ctx: Context<NodeAttest>, args: NodeAttestArgs) -> Result<()> {
        instructions::node_attest::handler(ctx, args)
    }

    /// Job authority (the escrow program, by CPI): commits GPUs of eligible nodes
    /// (remaining accounts) to a job; their stake and hardware are locked until
    /// released.
    pub fn node_job_commit<'info>(
        ctx: Context<'info, NodeJobCommit<'info>>,
        gpus: Vec<u16>,
    ) -> Result<()> {
        instructions::node_job_commit::handler(ctx, gpus)
    }

    /// Job authority: releases a job's GPUs, records its outcome (completed jobs
    /// raise reputation, failed ones lower it), the GPU-seconds delivered and
    /// the protocol fee charged on the run's pay under the job's GPU tier (the
    /// IO token's work rewards accrue from the burned share of that fee).
    pub fn node_job_release(
        ctx: Context<NodeJob>,
        gpus: u16,
        outcome: JobOutcome,
        gpu_seconds: u64,
        fee: u64,
        tier: GpuTier,
    ) -> Result<()> {
        instructions::node_job_release::handler(ctx, gpus, outcome, gpu_seconds, fee, tier)
    }

    /// Operator: bonds IO into the node's vault.
    pub fn stake_deposit(ctx: Context<StakeDeposit>, amount: u64) -> Result<()> {
        instructions::stake_deposit::handler(ctx, amount)
    }

    /// Operator: starts unbonding `amount` (still slashable until withdrawn).
    /// Refused while an earlier unbonding has matured (withdraw it first).
    pub fn stake_request_unstake(ctx: Context<StakeRequestUnstake>, amount: u64) -> Result<()> {
        instructions::stake_request_unstake::handler(ctx, amount)
    }

    /// Operator: cancels the unbonding.
    pub fn stake_rebond(ctx: Context<StakeRebond>) -> Result<()> {
        instructions::stake_rebond::handler(ctx)
    }

    /// Operator: withdraws the unbonded stake after the unbonding period, unless
    /// the node has an active job or a pending slash.
    pub fn stake_withdraw(ctx: Context<StakeWithdraw>) -> Result<()> {
        instructions::stake_withdraw::handler(ctx)
    }

    /// Slashing authority (or the escrow program's job authority): proposes a slash
    /// with evidence; the amount is frozen and the appeal window starts.
    pub fn slash_propose(ctx: Context<SlashPropose>, args: SlashProposeArgs) -> Result<()> {
        instructions::slash_propose::handler(ctx, args)
    }

    /// Operator: appeals a proposed slash within the appeal window.
    pub fn slash_appeal(ctx: Context<SlashAppeal>, appeal_hash: [u8; 32]) -> Result<()> {
        instructions::slash_appeal::handler(ctx, appeal_hash)
    }

    /// Admin: upholds or overturns an appealed slash.
    pub fn slash_resolve(ctx: Context<SlashResolve>, uphold: bool) -> Result<()> {
        instructions::slash_resolve::handler(ctx, uphold)
    }

    /// Anyone, once the admin let an appeal's resolution deadline pass: the
    /// slash is overturned (the default outcome).
    pub fn slash_appeal_lapse(ctx: Context<SlashAppealLapse>) -> Result<()> {
        instructions::slash_appeal_lapse::handler(ctx)
    }

    /// Anyone: closes an overturned or executed slash proposal (rent back to its
    /// payer). A node deregisters only once every proposal of it is closed.
    pub fn slash_close(ctx: Context<SlashClose>) -> Result<()> {
        instructions::slash_close::handler(ctx)
    }

    /// Anyone, after the appeal window (or an upheld appeal): executes the slash
    /// within the per-epoch cap, burning part and sending the rest to the treasury.
    pub fn slash_execute(ctx: Context<SlashExecute>) -> Result<()> {
        instructions::slash_execute::handler(ctx)
    }
}
