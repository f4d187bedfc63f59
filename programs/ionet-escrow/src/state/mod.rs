//! Account types, one file each.

pub mod config;
pub mod job;
pub mod params;
pub mod run;

pub use config::*;
pub use job::*;
pub use params::*;
pub use run::*;
