use anchor_lang::prelude::*;

use crate::constants::FINGERPRINT_SEED;
use crate::error::RegistryError;
use crate::events::NodeAttested;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::{
    holder_released, mismatch, Attestation, FingerprintIndex, GpuModel, GpuTier, Node, NodeStatus,
    RegistryConfig,
};

/// What a verifier measured on the node (proof of compute).
#[derive(AnchorSerialize, AnchorDeserialize, Clone)]
pub struct NodeAttestArgs {
    pub gpu_model: GpuModel,
    pub gpu_count: u16,
    /// unit: GB
    pub vram_gb_per_gpu: u16,
    /// Measured dense FP16 throughput per GPU. unit: TFLOPS
    pub measured_tflops: u32,
    /// unit: microseconds
    pub rtt_us: u32,
    /// precision: bps
    pub packet_loss_bps: u16,
    /// unit: Mbit/s
    pub bandwidth_mbps: u32,
    /// sha256 of the GPU UUIDs the verifier read through NVML.
    pub fingerprint: [u8; 32],
}

#[derive(Accounts)]
#[instruction(args: NodeAttestArgs)]
pub struct NodeAttest<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    #[account(
        mut,
        constraint = node.load()?.is_at(&node.key()) @ RegistryError::InvalidPda,
    )]
    pub node: AccountLoader<'info, Node>,
    #[account(mut, constraint = config.is_verifier(verifier.key) @ RegistryError::NotVerifier)]
    pub verifier: Signer<'info>,
    /// The measured fingerprint's index: a passing attestation claims it for the node
    /// (created here if new, rent paid by the verifier).
    #[account(
        init_if_needed,
        payer = verifier,
        space = FingerprintIndex::SPACE,
        seeds = [FINGERPRINT_SEED, &args.fingerprint],
        bump,
    )]
    pub fingerprint_index: Box<Account<'info, FingerprintIndex>>,
    /// The node the index names, when it is another node: a closed account, or a node
    /// that gave the fingerprint up, lets this node take the index over.
    /// CHECK: its key is checked against the index; read by `holder_released`.
    pub fingerprint_holder: Option<UncheckedAccount<'info>>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<NodeAttest>, args: NodeAttestArgs) -> Result<()> {
    require!(
        args.packet_loss_bps <= 10_000,
        RegistryError::ParamOutOfBounds
    );
    let clock = Clock::get()?;
    let now = clock.unix_timestamp;
    let config = &ctx.accounts.config;
    let key = ctx.accounts.node.key();
    let mut node = ctx.accounts.node.load_mut()?;
    let index = &mut ctx.accounts.fingerprint_index;
    if index.rent_payer == Pubkey::default() {
        // Created by this instruction.
        index.rent_payer = ctx.accounts.verifier.key();
        index.bump = ctx.bumps.fingerprint_index;
    }

    let mut attestation = Attestation {
        verifier: ctx.accounts.verifier.key(),
        gpu_model: args.gpu_model as u8,
        gpu_count: args.gpu_count,
        vram_gb_per_gpu: args.vram_gb_per_gpu,
        measured_tflops: args.measured_tflops,
        rtt_us: args.rtt_us,
        packet_loss_bps: args.packet_loss_bps,
        bandwidth_mbps: args.bandwidth_mbps,
        fingerprint: args.fingerprint,
        slot: clock.slot,
        attested_at: now,
        expires_at: now.safe_add(i64::from(config.params.attestation_validity_secs))?,
        passed: 0,
        mismatch: 0,
        padding: [0; 3],
    };
    attestation.mismatch = attestation.compare(&node.declared);
    attestation.passed = u8::from(attestation.mismatch == 0);
    let hash =
        solana_sha256_hasher::hashv(&[key.as_ref(), bytemuck::bytes_of(&attestation)]).to_bytes();

    if attestation.passed() {
        // One node per set of GPUs: the fingerprint must be free or already this node's,
        // and the node cannot move to other GPUs without re-declaring its hardware.
        let free = index.node == Pubkey::default()
            || index.node == key
            || match &ctx.accounts.fingerprint_holder {
                Some(holder) if holder.key() == index.node => {
                    holder_released(holder, &args.fingerprint)?
                }
                _ => false,
            };
        require!(free, RegistryError::FingerprintInUse);
        require!(
            node.claimed_fingerprint == [0; 32] || node.claimed_fingerprint == args.fingerprint,
            RegistryError::FingerprintChanged
        );
        index.node = key;
        node.claimed_fingerprint = args.fingerprint;
        node.attestations_passed = node.attestations_passed.safe_add(1)?;
        node.effective_tier = args.gpu_model.tier() as u8;
        if node.status() == NodeStatus::Jailed {
            node.set_status(key, NodeStatus::Verified);
        }
    } else {
        node.attestations_failed = node.attestations_failed.safe_add(1)?;
        node.effective_tier = GpuTier::Other as u8;
        // Declared hardware differs from what was measured: spoofing evidence.
        let spoofed = attestation.mismatch
            & (mismatch::MODEL | mismatch::COUNT | mismatch::VRAM | mismatch::FINGERPRINT)
            != 0;
        if spoofed {
            node.spoofing_evidence = hash;
            node.set_status(key, NodeStatus::Jailed);
        }
    }
    node.attestation = attestation;
    node.refresh(key, &config.params, now)?;
    emit!(NodeAttested {
        node: key,
        verifier: attestation.verifier,
        passed: attestation.passed(),
        mismatch: attestation.mismatch,
        effective_tier: node.tier(),
        measured_tflops: attestation.measured_tflops,
        expires_at: attestation.expires_at,
        attestation_hash: hash,
    });
    Ok(())
}
