//! One instruction per file: its accounts, its args and its handler.
//!
//! Every module names its entry point `handler` (lib.rs calls them by path); the
//! glob re-exports exist for the accounts structs Anchor's `#[program]` expects at
//! the crate root.
#![allow(ambiguous_glob_reexports)]

pub mod config_init;
pub mod config_update;
pub mod liveness_equivocation;
pub mod liveness_root_close;
pub mod liveness_root_commit;
pub mod node_attest;
pub mod node_deregister;
pub mod node_job_commit;
pub mod node_job_release;
pub mod node_mark_inactive;
pub mod node_register;
pub mod node_sync;
pub mod node_update;
pub mod slash_appeal;
pub mod slash_appeal_lapse;
pub mod slash_close;
pub mod slash_execute;
pub mod slash_propose;
pub mod slash_resolve;
pub mod stake_deposit;
pub mod stake_rebond;
pub mod stake_request_unstake;
pub mod stake_withdraw;

pub use config_init::*;
pub use config_update::*;
pub use liveness_equivocation::*;
pub use liveness_root_close::*;
pub use liveness_root_commit::*;
pub use node_attest::*;
pub use node_deregister::*;
pub use node_job_commit::*;
pub use node_job_release::*;
pub use node_mark_inactive::*;
pub use node_register::*;
pub use node_sync::*;
pub use node_update::*;
pub use slash_appeal::*;
pub use slash_appeal_lapse::*;
pub use slash_close::*;
pub use slash_execute::*;
pub use slash_propose::*;
pub use slash_resolve::*;
pub use stake_deposit::*;
pub use stake_rebond::*;
pub use stake_request_unstake::*;
pub use stake_withdraw::*;
