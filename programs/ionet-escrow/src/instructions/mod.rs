//! One instruction per file: its accounts, its args and its handler.
//!
//! Every module names its entry point `handler` (lib.rs calls them by path); the
//! glob re-exports exist for the accounts structs Anchor's `#[program]` expects at
//! the crate root.
#![allow(ambiguous_glob_reexports)]

pub mod config_init;
pub mod config_update;
pub mod job_assign;
pub mod job_cancel;
pub mod job_close;
pub mod job_complete;
pub mod job_create;
pub mod job_dispute;
pub mod job_dispute_lapse;
pub mod job_finalize;
pub mod job_report_usage;
pub mod job_resolve;
pub mod job_settle;
pub mod job_start;
pub mod job_timeout;
pub mod job_unassign;

pub use config_init::*;
pub use config_update::*;
pub use job_assign::*;
pub use job_cancel::*;
pub use job_close::*;
pub use job_complete::*;
pub use job_create::*;
pub use job_dispute::*;
pub use job_dispute_lapse::*;
pub use job_finalize::*;
pub use job_report_usage::*;
pub use job_resolve::*;
pub use job_settle::*;
pub use job_start::*;
pub use job_timeout::*;
pub use job_unassign::*;
