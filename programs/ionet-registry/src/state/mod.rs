//! Account types, one file each.

pub mod config;
pub mod fingerprint;
pub mod hardware;
pub mod liveness;
pub mod node;
pub mod params;
pub mod slash;

pub use config::*;
pub use fingerprint::*;
pub use hardware::*;
pub use liveness::*;
pub use node::*;
pub use params::*;
pub use slash::*;
