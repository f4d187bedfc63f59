//! GPU models, hardware specs and proof-of-compute attestations.

use anchor_lang::prelude::*;

use crate::state::GpuTier;

/// Most GPUs one node may declare.
pub const MAX_GPUS_PER_NODE: u16 = 64;
/// Most VRAM per GPU a node may declare. unit: GB
pub const MAX_VRAM_GB: u16 = 1_024;
/// An attestation passes only if the measured TFLOPS reach this share of the
/// model's expected figure. precision: bps
pub const MIN_TFLOPS_RATIO_BPS: u64 = 8_000;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum GpuModel {
    H200,
    H100,
    A100,
    L40S,
    A6000,
    A5000,
    Rtx4090,
    Rtx3090,
    Other,
}

impl GpuModel {
    pub fn from_u8(value: u8) -> Option<GpuModel> {
        const ALL: [GpuModel; 9] = [
            GpuModel::H200,
            GpuModel::H100,
            GpuModel::A100,
            GpuModel::L40S,
            GpuModel::A6000,
            GpuModel::A5000,
            GpuModel::Rtx4090,
            GpuModel::Rtx3090,
            GpuModel::Other,
        ];
        ALL.get(usize::from(value)).copied()
    }

    pub fn tier(self) -> GpuTier {
        match self {
            GpuModel::H200 | GpuModel::H100 => GpuTier::H100Class,
            GpuModel::A100 => GpuTier::A100,
            GpuModel::L40S => GpuTier::L40S,
            GpuModel::A6000 | GpuModel::A5000 => GpuTier::A6000Class,
            GpuModel::Rtx4090 => GpuTier::Rtx4090,
            GpuModel::Rtx3090 => GpuTier::Rtx3090,
            GpuModel::Other => GpuTier::Other,
        }
    }

    /// Expected dense FP16 tensor throughput of one GPU. unit: TFLOPS
    pub fn expected_tflops(self) -> u32 {
        match self {
            GpuModel::H200 | GpuModel::H100 => 989,
            GpuModel::A100 => 312,
            GpuModel::L40S => 362,
            GpuModel::A6000 => 155,
            GpuModel::A5000 => 111,
            GpuModel::Rtx4090 => 165,
            GpuModel::Rtx3090 => 71,
            GpuModel::Other => 0,
        }
    }
}

/// What an operator declares about a node.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct HardwareSpec {
    pub gpu_model: GpuModel,
    pub gpu_count: u16,
    /// unit: GB
    pub vram_gb_per_gpu: u16,
    pub cuda_major: u8,
    pub cuda_minor: u8,
    /// Region code, ASCII, zero-padded (e.g. "us-east").
    pub region: [u8; 8],
    /// unit: Mbit/s
    pub bandwidth_mbps: u32,
    /// sha256 of the node's GPU UUIDs, sorted and concatenated.
    pub fingerprint: [u8; 32],
}

impl HardwareSpec {
    pub fn is_valid(&self) -> bool {
        (1..=MAX_GPUS_PER_NODE).contains(&self.gpu_count)
            && (1..=MAX_VRAM_GB).contains(&self.vram_gb_per_gpu)
            && self.cuda_major > 0
            && self.fingerprint != [0; 32]
    }
}

/// `HardwareSpec` as stored in a node (zero-copy, `repr(C)`, explicit padding).
#[zero_copy]
pub struct NodeHardware {
    /// unit: Mbit/s
    pub bandwidth_mbps: u32,
    pub gpu_count: u16,
    /// unit: GB
    pub vram_gb_per_gpu: u16,
    /// A `GpuModel`.
    pub gpu_model: u8,
    pub cuda_major: u8,
    pub cuda_minor: u8,
    pub padding: u8,
    pub region: [u8; 8],
    pub fingerprint: [u8; 32],
}

impl From<HardwareSpec> for NodeHardware {
    fn from(h: HardwareSpec) -> Self {
        NodeHardware {
            bandwidth_mbps: h.bandwidth_mbps,
            gpu_count: h.gpu_count,
            vram_gb_per_gpu: h.vram_gb_per_gpu,
            gpu_model: h.gpu_model as u8,
            cuda_major: h.cuda_major,
            cuda_minor: h.cuda_minor,
            padding: 0,
            region: h.region,
            fingerprint: h.fingerprint,
        }
    }
}

impl NodeHardware {
    pub fn is_valid(&self) -> bool {
        GpuModel::from_u8(self.gpu_model).is_some() && self.spec().is_valid()
    }

    pub fn model(&self) -> GpuModel {
        GpuModel::from_u8(self.gpu_model).unwrap_or(GpuModel::Other)
    }

    pub fn spec(&self) -> HardwareSpec {
        HardwareSpec {
            gpu_model: self.model(),
            gpu_count: self.gpu_count,
            vram_gb_per_gpu: self.vram_gb_per_gpu,
            cuda_major: self.cuda_major,
            cuda_minor: self.cuda_minor,
            region: self.region,
            bandwidth_mbps: self.bandwidth_mbps,
            fingerprint: self.fingerprint,
        }
    }
}

/// Bits of `Attestation::mismatch`: what differed from the declaration.
pub mod mismatch {
    pub const MODEL: u8 = 1;
    pub const COUNT: u8 = 2;
    pub const VRAM: u8 = 4;
    pub const FINGERPRINT: u8 = 8;
    pub const TFLOPS: u8 = 16;
}

/// What a verifier measured. `attested_at == 0` means never attested.
/// Zero-copy (`repr(C)`, explicit padding): stored inside the node.
#[zero_copy]
pub struct Attestation {
    pub slot: u64,
    /// unit: unix seconds
    pub attested_at: i64,
    /// unit: unix seconds
    pub expires_at: i64,
    pub verifier: Pubkey,
    /// The fingerprint (hash of GPU UUIDs) the verifier saw.
    pub fingerprint: [u8; 32],
    /// Measured dense FP16 throughput per GPU. unit: TFLOPS
    pub measured_tflops: u32,
    /// Round trip to the verifier. unit: microseconds
    pub rtt_us: u32,
    /// unit: Mbit/s
    pub bandwidth_mbps: u32,
    pub gpu_count: u16,
    /// unit: GB
    pub vram_gb_per_gpu: u16,
    /// precision: bps
    pub packet_loss_bps: u16,
    /// A `GpuModel`.
    pub gpu_model: u8,
    /// 1 if every measurement matched the declaration.
    pub passed: u8,
    /// `mismatch::*` bits.
    pub mismatch: u8,
    pub padding: [u8; 3],
}

impl Attestation {
    pub const NONE: Attestation = Attestation {
        slot: 0,
        attested_at: 0,
        expires_at: 0,
        verifier: Pubkey::new_from_array([0; 32]),
        fingerprint: [0; 32],
        measured_tflops: 0,
        rtt_us: 0,
        bandwidth_mbps: 0,
        gpu_count: 0,
        vram_gb_per_gpu: 0,
        packet_loss_bps: 0,
        gpu_model: GpuModel::Other as u8,
        passed: 0,
        mismatch: 0,
        padding: [0; 3],
    };

    pub fn passed(&self) -> bool {
        self.passed != 0
    }

    pub fn model(&self) -> GpuModel {
        GpuModel::from_u8(self.gpu_model).unwrap_or(GpuModel::Other)
    }

    pub fn is_valid_at(&self, now: i64) -> bool {
        self.passed() && now < self.expires_at
    }

    /// Compare a measurement with the declaration; returns the mismatch bits.
    pub fn compare(&self, declared: &NodeHardware) -> u8 {
        let mut bits = 0;
        if self.gpu_model != declared.gpu_model {
            bits |= mismatch::MODEL;
        }
        if self.gpu_count != declared.gpu_count {
            bits |= mismatch::COUNT;
        }
        if self.vram_gb_per_gpu < declared.vram_gb_per_gpu {
            bits |= mismatch::VRAM;
        }
        if self.fingerprint != declared.fingerprint {
            bits |= mismatch::FINGERPRINT;
        }
        let expected =
            u64::from(declared.model().expected_tflops()) * MIN_TFLOPS_RATIO_BPS / 10_000;
        if u64::from(self.measured_tflops) < expected {
            bits |= mismatch::TFLOPS;
        }
        bits
    }
}
